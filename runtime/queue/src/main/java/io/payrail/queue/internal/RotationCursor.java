package io.payrail.queue.internal;

import java.util.Collection;

/**
 * Where the next receive starts its round over tenants (standard queues) or message groups (FIFO):
 * after the last key this receive served, so with more keys than one receive visits, every key gets
 * its turn. Keys are printable ASCII, so Java's order equals the tables' "C" collation.
 */
public final class RotationCursor {
    public static final String START = "";

    private RotationCursor() {}

    /** The last served key in rotation order that began after {@code previous}. */
    public static String advance(String previous, Collection<String> served) {
        String lastBeforeWrap = null;
        String lastAfterWrap = null;
        for (String key : served) {
            if (key == null) {
                continue;
            }
            if (key.compareTo(previous) > 0) {
                lastBeforeWrap = lastBeforeWrap == null || key.compareTo(lastBeforeWrap) > 0 ? key : lastBeforeWrap;
            } else {
                lastAfterWrap = lastAfterWrap == null || key.compareTo(lastAfterWrap) > 0 ? key : lastAfterWrap;
            }
        }
        if (lastAfterWrap != null) {
            return lastAfterWrap;
        }
        return lastBeforeWrap == null ? previous : lastBeforeWrap;
    }
}
