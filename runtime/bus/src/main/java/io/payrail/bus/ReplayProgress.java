package io.payrail.bus;

/**
 * Where a replay is.
 *
 * @param untilPosition the head of the log when the replay was asked; the replay is done when the
 *                      cursor reaches it
 */
public record ReplayProgress(String subscription, long epoch, long position, long untilPosition, Integer ratePerSecond,
        boolean done) {
    public String line() {
        return String.format("replay %s epoch %d: position %d of %d%s%s", subscription, epoch, position, untilPosition,
                ratePerSecond == null ? "" : " (at most " + ratePerSecond + " events/s)", done ? ", done" : "");
    }
}
