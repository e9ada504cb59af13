package io.payrail.queue.internal;

import io.payrail.queue.QueueLimits;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * One standard queue's tenants with ready messages, as this process last found them, and where the
 * fairness round stands. Discovering tenants (a loose index scan, one probe per tenant) is the
 * expensive part of a fair receive, so a receive uses this list while it is younger than the refresh
 * interval and only then looks again. A tenant whose receive brought fewer than its share while
 * another tenant filled its own is dropped (drained, or held by other receivers); a receive that
 * finds nothing looks again at once. So a
 * tenant that starts sending while others keep the queue busy waits at most one refresh interval
 * for its first turn. Guarded by its own monitor: receives with different visibility timeouts use
 * different lanes.
 */
public final class ReadyTenants {
    private final long refreshNanos;
    private final LongSupplier nanoTime;
    private final TreeSet<String> tenants = new TreeSet<>();
    private long loadedNanos;
    private boolean loaded;
    private String cursor = RotationCursor.START;

    public ReadyTenants(long refreshNanos, LongSupplier nanoTime) {
        this.refreshNanos = refreshNanos;
        this.nanoTime = nanoTime;
    }

    /** Whether the list must be looked up before the next receive. */
    public synchronized boolean stale() {
        return !loaded || tenants.isEmpty() || nanoTime.getAsLong() - loadedNanos >= refreshNanos;
    }

    public synchronized String cursor() {
        return cursor;
    }

    public synchronized void replace(Collection<String> found) {
        tenants.clear();
        tenants.addAll(found);
        loaded = true;
        loadedNanos = nanoTime.getAsLong();
    }

    /** Up to {@code count} tenants after the cursor, wrapping around. */
    public synchronized List<String> next(int count) {
        List<String> picked = new ArrayList<>(Math.min(count, tenants.size()));
        for (String tenant : tenants.tailSet(cursor, false)) {
            if (picked.size() == count) {
                return picked;
            }
            picked.add(tenant);
        }
        for (String tenant : tenants.headSet(cursor, true)) {
            if (picked.size() == count) {
                break;
            }
            picked.add(tenant);
        }
        return picked;
    }

    /**
     * Moves the cursor past the tenants served and drops those that brought less than {@code share},
     * so that their shares go to busy tenants. When every visited tenant brought less (a quiet queue:
     * the receive was not full anyway), the list is kept until its refresh, so a quiet queue does not
     * pay a lookup per receive. Dead-lettered candidates make the counts say nothing: nothing is dropped.
     */
    public synchronized void served(List<String> visited, Map<String, Integer> delivered, int share, boolean deadLettered) {
        cursor = RotationCursor.advance(cursor, delivered.keySet());
        List<String> drained = visited.stream().filter(tenant -> delivered.getOrDefault(tenant, 0) < share).toList();
        if (!deadLettered && drained.size() < visited.size()) {
            drained.forEach(tenants::remove);
        }
    }

    /** Tenants visited by one receive of {@code batch} messages: never more than the batch. */
    public static int tenantsPerReceive(int batch) {
        return Math.min(batch, QueueLimits.TENANTS_PER_RECEIVE_MAX);
    }
}
