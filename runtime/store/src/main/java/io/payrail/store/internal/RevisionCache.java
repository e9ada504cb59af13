package io.payrail.store.internal;

import io.payrail.platform.Check;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The revisions of recently written streams as one group-commit lane last committed them, and the
 * head of the log its last commit left: with them the lane can plan a batch whose streams it knows
 * without reading their revisions from the database ({@link KnownRevisionsWriter}).
 *
 * <p>Why it is exact when used: every entry is a stream's revision read or written under the log
 * lock, and the cache is emptied whenever a commit of this lane did not start from the head its
 * previous commit left ({@link #committed}). So while the log's head is still {@link #head()}, no
 * other writer (another lane, another node, a unit of work) appended anything since the entries were
 * recorded, and each entry is the stream's revision now. The writer checks that condition in the
 * same statement that writes, under the log lock: when the head moved, it writes nothing and the
 * cache is emptied. A rolled-back append gives its positions back, so the head returns to where it
 * was and the entries stay true.
 *
 * <p>Owned by one lane thread; not thread-safe.
 */
public final class RevisionCache {
    /** The most streams remembered; the least recently used are forgotten first. */
    public static final int STREAMS_MAX = 100_000;

    private static final long UNKNOWN = -1;

    private final int streamsMax;
    private final LinkedHashMap<String, Long> revisions;
    private final AtomicLong commitsPlanned;
    private long head = UNKNOWN;

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

    /** The head of the log after this lane's last commit, or -1 when not known. */
    long head() {
        return head;
    }

    /**
     * The revision of each of {@code streams}, or {@code null} when the head is not known or any of
     * them is not remembered (the batch is then planned from the database).
     */
    Map<String, Long> revisionsOf(List<String> streams) {
        if (head == UNKNOWN) {
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
     * Records a commit that moved the log's head from {@code headBefore} to {@code headAfter} and left
     * {@code streamRevisions} (each read or written under the log lock in that transaction). When
     * the commit did not start from the head this cache knew, somebody else appended in between and
     * every older entry may be stale: they are forgotten first. {@code headBefore} -1 means unknown.
     */
    void committed(long headBefore, long headAfter, Map<String, Long> streamRevisions) {
        Check.argument(headAfter >= headBefore, "the head went back from %d to %d", headBefore, headAfter);
        if (headBefore == UNKNOWN || headBefore != head) {
            revisions.clear();
        }
        revisions.putAll(streamRevisions);
        head = headAfter;
    }

    /** Counts a commit planned from this cache without reading any revision. */
    void countPlannedCommit() {
        commitsPlanned.incrementAndGet();
    }

    /** Forgets everything: after a commit whose outcome or starting head is not known. */
    void forget() {
        revisions.clear();
        head = UNKNOWN;
    }

    int size() {
        return revisions.size();
    }
}
