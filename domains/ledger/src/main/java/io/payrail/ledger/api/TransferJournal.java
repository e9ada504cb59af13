package io.payrail.ledger.api;

import io.payrail.ledger.internal.LedgerReads;
import io.payrail.platform.Check;
import java.util.List;
import javax.sql.DataSource;

/**
 * A ledger's transfers as an ordered log, for subscribers (payments, webhooks) that follow posts, voids
 * and expiries without the ledger writing anything twice. Positions are dense and assigned by the
 * ledger's single writer in apply order; batches commit one after another in that order, so a reader
 * never sees position p+1 before p: remembering the last position read and asking for what follows
 * misses nothing.
 */
public final class TransferJournal {
    public static final int READ_LIMIT_MAX = 8_190;

    private final LedgerReads reads;
    private final int ledger;

    public TransferJournal(DataSource dataSource, int ledger) {
        this.reads = new LedgerReads(dataSource);
        this.ledger = ledger;
    }

    /** Up to {@code limit} transfers with positions above {@code position} (0: from the start), in order. */
    public List<Transfer> readAfter(long position, int limit) {
        Check.argument(limit > 0 && limit <= READ_LIMIT_MAX, "limit must be 1..%s, got %s", READ_LIMIT_MAX, limit);
        Check.argument(position >= 0, "position must not be negative: %s", position);
        return reads.journalAfter(ledger, position, limit);
    }
}
