package io.payrail.bank.internal;

import io.payrail.ach.Addenda;
import io.payrail.ach.Addenda98;
import io.payrail.ach.Addenda99;
import io.payrail.ach.AchWriter;
import io.payrail.ach.FileHeader;
import io.payrail.ach.StandardBatchHeader;
import io.payrail.ach.StandardEntry;
import io.payrail.ach.TransactionCodes;
import io.payrail.ach.WriterOptions;
import io.payrail.bank.AchEntrySummary;
import io.payrail.bank.ReturnFileWriter;
import io.payrail.bank.ReturnedEntry;
import io.payrail.platform.Check;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes returns (addenda 99) and notifications of change (SEC code COR, addenda 98, zero amount)
 * with the {@code ach} module's writer, as a receiving bank does: one batch per original batch, the
 * automated-return transaction code (21, 26, 31, 36...), and the original trace number in the addenda.
 */
public final class AchModuleReturnWriter implements ReturnFileWriter {
    public static final int ENTRIES_PER_FILE_MAX = 100_000;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm");

    @Override
    public byte[] write(String bankRouting, String payrailRouting, LocalDateTime created, String fileIdModifier,
            List<ReturnedEntry> entries) {
        Check.argument(entries.size() <= ENTRIES_PER_FILE_MAX, "%d returns exceed %d per file", entries.size(), ENTRIES_PER_FILE_MAX);
        Check.argument(fileIdModifier.length() == 1, "file id modifier must be one character, got %s", fileIdModifier);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FileHeader header = new FileHeader("01", " " + payrailRouting, " " + bankRouting, created.format(DATE),
                created.format(TIME), fileIdModifier.charAt(0), "PAYRAIL", "SIMULATED BANK", "");
        try (AchWriter writer = AchWriter.open(out, header, WriterOptions.standard())) {
            long batchNumber = 0;
            for (List<ReturnedEntry> group : byOriginalBatch(entries).values()) {
                writer.startBatch(batchHeader(group.getFirst(), bankRouting, ++batchNumber));
                for (ReturnedEntry entry : group) {
                    long traceNumber = writer.nextTraceNumber();
                    writer.entry(detail(entry, traceNumber), List.of(addenda(entry, traceNumber)));
                }
                writer.endBatch();
            }
            writer.finish();
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing to memory failed: " + impossible.getMessage(), impossible);
        }
        return out.toByteArray();
    }

    private static Map<String, List<ReturnedEntry>> byOriginalBatch(List<ReturnedEntry> entries) {
        Map<String, List<ReturnedEntry>> groups = new LinkedHashMap<>();
        for (ReturnedEntry entry : entries) {
            AchEntrySummary original = entry.original();
            String key = entry.isNotificationOfChange() + "|" + original.companyIdentification() + "|"
                    + original.standardEntryClass() + "|" + original.effectiveDate() + "|" + original.originatingDfi()
                    + "|" + original.companyName();
            groups.computeIfAbsent(key, ignored -> new ArrayList<>()).add(entry);
        }
        return groups;
    }

    private static StandardBatchHeader batchHeader(ReturnedEntry first, String bankRouting, long batchNumber) {
        AchEntrySummary original = first.original();
        boolean change = first.isNotificationOfChange();
        return new StandardBatchHeader(TransactionCodes.SERVICE_CLASS_MIXED, original.companyName(), "",
                original.companyIdentification(), change ? "COR" : original.standardEntryClass(),
                change ? "COR ENTRY" : "RETURN", "", original.effectiveDate().format(DATE), "", '1',
                bankRouting.substring(0, 8), batchNumber);
    }

    private static StandardEntry detail(ReturnedEntry entry, long traceNumber) {
        AchEntrySummary original = entry.original();
        String routing = original.receivingDfiRouting();
        return new StandardEntry(returnTransactionCode(original.transactionCode()), routing.substring(0, 8), routing.charAt(8),
                original.accountNumber(), entry.isNotificationOfChange() ? 0 : original.amountMinor(),
                original.individualIdentification(), original.individualName(), "", '1', traceNumber);
    }

    private static Addenda addenda(ReturnedEntry entry, long traceNumber) {
        AchEntrySummary original = entry.original();
        long originalTrace = Long.parseLong(original.traceNumber().strip());
        String originalRdfi = original.receivingDfiRouting().substring(0, 8);
        return entry.isNotificationOfChange()
                ? new Addenda98(entry.code(), originalTrace, originalRdfi, entry.correctedData(), traceNumber)
                : new Addenda99.Return(entry.code(), originalTrace, "", originalRdfi, "", traceNumber);
    }

    /** The automated return / change code of an original code: 22 -> 21, 27 -> 26, 32 -> 31, 37 -> 36. */
    static int returnTransactionCode(int originalCode) {
        int lastDigit = originalCode % 10;
        int base = originalCode - lastDigit;
        return lastDigit >= 1 && lastDigit <= 4 ? base + 1 : base + 6;
    }
}
