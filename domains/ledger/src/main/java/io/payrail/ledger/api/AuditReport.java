package io.payrail.ledger.api;

import java.util.List;

/** The audit's findings: every break found (empty when the books are sound). */
public record AuditReport(long ledgers, long accounts, long transfers, List<String> breaks) {
    /** Most breaks listed; the audit stops collecting after that many. */
    public static final int BREAKS_MAX = 1_000;

    public boolean ok() {
        return breaks.isEmpty();
    }

    /** One line per break, then a summary line; the CLI exits non-zero unless {@link #ok()}. */
    public String format() {
        StringBuilder text = new StringBuilder();
        breaks.forEach(line -> text.append("BREAK ").append(line).append('\n'));
        text.append(ok() ? "audit ok" : "audit FAILED: " + breaks.size() + " break(s)")
                .append(": ledgers=").append(ledgers).append(" accounts=").append(accounts)
                .append(" transfers=").append(transfers);
        return text.toString();
    }
}
