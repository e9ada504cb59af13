package io.payrail.ach.internal;

/**
 * Open-addressing set of trace numbers (8 bytes each, no boxing), so that uniqueness across a file of hundreds of
 * thousands of entries fits a small heap. Past {@link #TRACKED_MAX} numbers, {@link #add} reports saturation.
 */
public final class TraceNumberSet {
    /** 1,048,576 trace numbers take 16 MiB of table at the 50% load factor; beyond, uniqueness is not tracked. */
    public static final int TRACKED_MAX = 1 << 20;
    private static final long EMPTY = -1;

    private long[] table = newTable(1 << 12);
    private int size;

    public enum Outcome {
        ADDED,
        DUPLICATE,
        SATURATED
    }

    public Outcome add(long traceNumber) {
        if (size >= TRACKED_MAX) {
            return contains(traceNumber) ? Outcome.DUPLICATE : Outcome.SATURATED;
        }
        if (size * 2 >= table.length) {
            grow();
        }
        return insert(table, traceNumber) ? count() : Outcome.DUPLICATE;
    }

    private Outcome count() {
        size++;
        return Outcome.ADDED;
    }

    public boolean contains(long traceNumber) {
        int mask = table.length - 1;
        for (int slot = hash(traceNumber) & mask; ; slot = (slot + 1) & mask) {
            if (table[slot] == EMPTY) {
                return false;
            }
            if (table[slot] == traceNumber) {
                return true;
            }
        }
    }

    private static boolean insert(long[] into, long traceNumber) {
        int mask = into.length - 1;
        for (int slot = hash(traceNumber) & mask; ; slot = (slot + 1) & mask) {
            if (into[slot] == EMPTY) {
                into[slot] = traceNumber;
                return true;
            }
            if (into[slot] == traceNumber) {
                return false;
            }
        }
    }

    private void grow() {
        long[] larger = newTable(table.length * 2);
        for (long value : table) {
            if (value != EMPTY) {
                insert(larger, value);
            }
        }
        table = larger;
    }

    private static long[] newTable(int length) {
        long[] created = new long[length];
        java.util.Arrays.fill(created, EMPTY);
        return created;
    }

    private static int hash(long value) {
        long mixed = value * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 32));
    }
}
