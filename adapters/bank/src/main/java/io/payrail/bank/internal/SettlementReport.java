package io.payrail.bank.internal;

import java.time.LocalDate;
import java.util.List;

/**
 * The simulated bank's daily settlement report, as CSV: one row per entry settled, returned or
 * changed that day (accounts masked, no names), then one totals row. Amounts are minor units (USD).
 */
public final class SettlementReport {
    public static final String HEADER = "date,trace_number,transaction_code,account,amount_minor,currency,outcome";

    private SettlementReport() {}

    static String render(LocalDate day, List<BankBook.SettledEntry> entries) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        long creditsSettled = 0;
        long debitsSettled = 0;
        long returned = 0;
        for (BankBook.SettledEntry settled : entries) {
            var entry = settled.entry();
            csv.append(day).append(',').append(entry.traceNumber()).append(',').append(entry.transactionCode()).append(',')
                    .append(entry.maskedAccount()).append(',').append(entry.amountMinor()).append(",USD,")
                    .append(settled.outcome()).append('\n');
            if (settled.outcome().startsWith("R")) {
                returned += entry.amountMinor();
            } else if (entry.paysTheReceiver()) {
                creditsSettled += entry.amountMinor();
            } else {
                debitsSettled += entry.amountMinor();
            }
        }
        csv.append("total,").append(entries.size()).append(" entries,credits_settled_minor=").append(creditsSettled)
                .append(",debits_settled_minor=").append(debitsSettled).append(",returned_minor=").append(returned)
                .append(",USD,\n");
        return csv.toString();
    }
}
