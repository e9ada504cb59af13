package io.payrail.bank.internal;

import io.payrail.bank.AchEntrySummary;
import io.payrail.bank.ReturnedEntry;
import io.payrail.bank.ReturnRules;
import io.payrail.bank.SimulatedBankSettings;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Settles the simulated bank's pending entries whose effective date has come, decides which come
 * back (returns by account ending, seeded random returns and notifications of change), writes the
 * return and change files, and one settlement report per finished day. The random generator is
 * consulted in entry order, so a seed replays the same outcomes.
 */
final class Settlement {
    static final int REPORT_DAYS_PER_STEP_MAX = 62;
    static final int ENTRIES_PER_STEP_MAX = 100_000;
    private static final List<String> RANDOM_RETURN_CODES = List.of("R01", "R02", "R03");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    record Result(int settled, int returned, int changed, List<String> filesWritten) {}

    private final SimulatedBankSettings settings;
    private final BankBook book;
    private final BiConsumer<String, byte[]> output;

    Settlement(SimulatedBankSettings settings, BankBook book, BiConsumer<String, byte[]> output) {
        this.settings = settings;
        this.book = book;
        this.output = output;
    }

    Result settleUntil(LocalDateTime now) {
        LocalDate today = now.toLocalDate();
        if (book.lastReportedDate == null) {
            book.lastReportedDate = today.minusDays(1);
        }
        List<ReturnedEntry> returns = new ArrayList<>();
        List<ReturnedEntry> changes = new ArrayList<>();
        int settled = 0;
        Iterator<BankBook.PendingEntry> pending = book.pending.iterator();
        while (pending.hasNext() && settled + returns.size() < ENTRIES_PER_STEP_MAX) {
            AchEntrySummary entry = pending.next().entry();
            if (entry.effectiveDate().isAfter(today)) {
                continue;
            }
            pending.remove();
            ReturnedEntry outcome = decide(entry);
            LocalDate settledOn = entry.effectiveDate().isAfter(book.lastReportedDate) ? entry.effectiveDate() : book.lastReportedDate.plusDays(1);
            book.settledUnreported.add(new BankBook.SettledEntry(settledOn, entry, outcome == null ? "SETTLED" : outcome.code()));
            if (outcome == null || outcome.isNotificationOfChange()) {
                settled++;
            }
            if (outcome != null) {
                (outcome.isNotificationOfChange() ? changes : returns).add(outcome);
            }
        }
        List<String> written = new ArrayList<>();
        writeNacha("RET_", returns, now, written);
        writeNacha("NOC_", changes, now, written);
        writeReports(today, written);
        return new Result(settled, returns.size(), changes.size(), written);
    }

    private ReturnedEntry decide(AchEntrySummary entry) {
        ReturnRules rules = settings.returnRules();
        String byEnding = rules.codeFor(entry.accountNumber());
        if (byEnding != null) {
            return new ReturnedEntry(entry, byEnding, "");
        }
        if (settings.random().nextInt(ReturnRules.MILLION) < rules.randomReturnsPerMillion()) {
            return new ReturnedEntry(entry, RANDOM_RETURN_CODES.get(settings.random().nextInt(RANDOM_RETURN_CODES.size())), "");
        }
        if (settings.random().nextInt(ReturnRules.MILLION) < rules.randomChangesPerMillion()) {
            return new ReturnedEntry(entry, "C01", correctedAccount(entry.accountNumber()));
        }
        return null;
    }

    /** A plausible "correct" account number for a C01: the last digit moved by one. */
    private static String correctedAccount(String account) {
        String trimmed = account.strip();
        char last = trimmed.charAt(trimmed.length() - 1);
        char changed = Character.isDigit(last) ? (char) ('0' + (last - '0' + 1) % 10) : '0';
        return trimmed.substring(0, trimmed.length() - 1) + changed;
    }

    private void writeNacha(String prefix, List<ReturnedEntry> entries, LocalDateTime now, List<String> written) {
        if (entries.isEmpty()) {
            return;
        }
        int sequence = book.nextSequence();
        String modifier = String.valueOf((char) ('A' + sequence % 26));
        byte[] file = settings.returnWriter().write(settings.bankRouting(), settings.payrailRouting(), now, modifier, entries);
        String name = prefix + now.toLocalDate().format(DAY) + "_" + sequence + ".ach";
        output.accept(name, file);
        written.add(name);
    }

    private void writeReports(LocalDate today, List<String> written) {
        for (int days = 0; days < REPORT_DAYS_PER_STEP_MAX && book.lastReportedDate.plusDays(1).isBefore(today); days++) {
            LocalDate day = book.lastReportedDate.plusDays(1);
            List<BankBook.SettledEntry> ofDay = book.settledUnreported.stream().filter(entry -> entry.date().equals(day)).toList();
            book.settledUnreported.removeAll(ofDay);
            String name = "SETTLE_" + day.format(DAY) + ".csv";
            output.accept(name, SettlementReport.render(day, ofDay).getBytes(StandardCharsets.UTF_8));
            written.add(name);
            book.lastReportedDate = day;
        }
    }
}
