package io.payrail.bus.internal;

/**
 * A subscription's row as last read.
 *
 * @param replayUntil the head position when the running replay was asked, or -1 when not replaying
 * @param replayRate  the replay's cap in events per second, or 0 when uncapped or not replaying
 */
public record CursorState(String name, int lockId, long position, long epoch, long resetEpoch, long replayUntil,
        int replayRate, long controlVersion) {
    public boolean replaying() {
        return replayUntil >= 0 && position < replayUntil;
    }

    public boolean resetPending() {
        return resetEpoch < epoch;
    }

    /** The same state with the cursor moved to {@code newPosition} (after this worker committed it). */
    public CursorState at(long newPosition) {
        return new CursorState(name, lockId, newPosition, epoch, resetEpoch, replayUntil, replayRate, controlVersion);
    }
}
