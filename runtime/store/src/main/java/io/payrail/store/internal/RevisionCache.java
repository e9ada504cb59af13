package io.payrail.store.internal;

import io.payrail.platform.Check;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The revisions of recently written streams as one group-commit lane last recorded them, the head of
 * the log its last recorded commit left and the id of the event at that head: with them the lane can
 * plan a batch whose streams it knows without reading their revisions from the database
 * ({@link KnownRevisionsWriter}).
 *
 * <p>Why it is exact when used: every entry is a stream's revision read or written under the log
 * lock, and the cache is emptied whenever a recorded commit did not start from the head the previous
 * recorded commit left ({@link #committed}). So while the log's head is still {@link #head()} and
 * the event at that position is still the one this lane wrote there ({@link #headEventId()}), no
 * other writer (another lane, another node, a unit of work, a commit of this lane that was not
 * recorded) appended anything since the entries were recorded, and each entry is the stream's
 * revision now. The writer checks both in the same statement that writes, under the log lock: when
 * either fails, it writes nothing and the cache is emptied. A rolled-back append gives its positions
 * back, so the head returns to where it was and the entries stay true. The event id covers a
 * database that lost its latest commits (a promoted asynchronous standby, a point-in-time restore)
 * while this process ran: the head can then come back to the same number with other events below it.
 *
 * <p>Only a lane whose last recorded commit started where the one before it ended plans from the
 * cache ({@link #CONTINUOUS_COMMITS_MIN}): where several lanes or nodes take turns, most attempts
 * would find the head moved and cost a round trip and a wait for the log lock for nothing.
 *
 * <p>Owned by one lane thread; not thread-safe.
 */
public final class RevisionCache {
    /** The most streams remembered; the least recently used are forgotten first. */
    public static final int STREAMS_MAX = 20_000;

    /** Recorded commits in a row, each starting where the previous one ended, before the cache is used. */
    public static final int CONTINUOUS_COMMITS_MIN = 1;

    private static final long UNKNOWN = -1;

    private final int streamsMax;
    private final LinkedHashMap<String, Long> revisions;
    private final AtomicLong commitsPlanned;
    private long head = UNKNOWN;
    private UUID headEventId;
    private int continuousCommits;

    public RevisionCache() {
        this(STREAMS_MAX, new AtomicLong());
    }

    /** A cache that counts the commits planned from it in {@code commitsPlanned} (shared by a store's lanes). */
    public RevisionCache(AtomicLong commitsPlanned) {
        this(STREAMS_MAX, commitsPlanned);
    }

    RevisionCache(int streamsMax, AtomicLong commitsPlanned) {
        Check.argument(streamsMax >= 1, "streamsMax must be at least 1, got %d", streamsMax);
        this.streamsMax = streamsMax;
        this.commitsPlanned = Check.notNull(commitsPlanned, "commitsPlanned");
        this.revisions = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > RevisionCache.this.streamsMax;
            }
        };
    }

    /** The head of the log after this lane's last recorded commit, or -1 when not known. */
    long head() {
        return head;
    }

    /** The id of the event this lane wrote at {@link #head()}, or null when not known. */
    UUID headEventId() {
        return headEventId;
    }

    /**
     * The revision of each of {@code streams}, or {@code null} when the head is not known or any of
     * them is not remembered (the batch is then planned from the database).
     */
    Map<String, Long> revisionsOf(List<String> streams) {
        if (head == UNKNOWN || headEventId == null || continuousCommits < CONTINUOUS_COMMITS_MIN) {
            return null;
        }
        Map<String, Long> known = new HashMap<>();
        for (String stream : streams) {
            Long revision = revisions.get(stream);
            if (revision == null) {
                return null;
            }
            known.put(stream, revision);
        }
        return known;
    }

    /**
     * Records a commit that moved the log's head from {@code headBefore} to {@code headAfter}, wrote
     * the event {@code headEventId} at {@code headAfter} (null when it wrote nothing) and left
     * {@code streamRevisions} (each read or written under the log lock in that transaction). When
     * the commit did not start from the head this cache knew, somebody else appended in between and
     * every older entry may be stale: they are forgotten first. {@code headBefore} -1 means unknown.
     */
    void committed(long headBefore, long headAfter, UUID headEventId, Map<String, Long> streamRevisions) {
        Check.argument(headAfter >= headBefore, "the head went back from %d to %d", headBefore, headAfter);
        Check.argument((headEventId == null) == (headAfter == headBefore),
                "a commit from %d to %d must name the event at its head exactly when it wrote one, got %s",
                headBefore, headAfter, headEventId);
        boolean continuous = headBefore != UNKNOWN && headBefore == head;
        if (continuous) {
            continuousCommits = Math.min(continuousCommits + 1, CONTINUOUS_COMMITS_MIN);
        } else {
            revisions.clear();
            continuousCommits = 0;
            this.headEventId = null;
        }
        revisions.putAll(streamRevisions);
        head = headAfter;
        if (headEventId != null) {
            this.headEventId = headEventId;
        }
    }

    /** Counts a commit planned from this cache without reading any revision. */
    void countPlannedCommit() {
        commitsPlanned.incrementAndGet();
    }

    /** Forgets everything: after a commit whose outcome or starting head is not known. */
    void forget() {
        revisions.clear();
        head = UNKNOWN;
        headEventId = null;
        continuousCommits = 0;
    }

    int size() {
        return revisions.size();
    }
}
