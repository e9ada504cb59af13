package io.payrail.ledger.api;

import java.util.List;

/**
 * A bounded page of an account's entries in journal order. Pass {@code nextCursor} to read on; it is
 * the journal position of the last entry (or the cursor given, when the page is empty).
 */
public record EntryPage(List<Entry> entries, long nextCursor, boolean more) {
    public static final int PAGE_SIZE_MAX = 1_000;
}
