package io.payrail.store;

/**
 * How the group commit has batched so far: commits made, appends they carried, and the commits
 * planned from revisions a lane already knew (no revision read from the database).
 */
public record GroupCommitStats(long commits, long appends, long commitsFromKnownRevisions) {
    public double appendsPerCommit() {
        return commits == 0 ? 0 : (double) appends / commits;
    }

    public GroupCommitStats minus(GroupCommitStats earlier) {
        return new GroupCommitStats(commits - earlier.commits, appends - earlier.appends,
                commitsFromKnownRevisions - earlier.commitsFromKnownRevisions);
    }
}
