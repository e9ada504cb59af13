package io.payrail.store;

/** How the group commit has batched so far: commits made and appends they carried. */
public record GroupCommitStats(long commits, long appends) {
    public double appendsPerCommit() {
        return commits == 0 ? 0 : (double) appends / commits;
    }

    public GroupCommitStats minus(GroupCommitStats earlier) {
        return new GroupCommitStats(commits - earlier.commits, appends - earlier.appends);
    }
}
