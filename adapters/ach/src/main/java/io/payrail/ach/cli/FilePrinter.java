package io.payrail.ach.cli;

import io.payrail.ach.AchFile;
import io.payrail.ach.Addenda;
import io.payrail.ach.Batch;
import io.payrail.ach.BatchHeader;
import io.payrail.ach.Entry;
import io.payrail.ach.EntryDetail;
import io.payrail.ach.IatEntry;
import io.payrail.ach.Masking;
import io.payrail.ach.Notice;
import io.payrail.ach.Notices;
import io.payrail.ach.RoutingDirectory;
import io.payrail.ach.StandardBatchHeader;
import io.payrail.ach.StandardEntry;
import java.util.Optional;

/** Formats a file for people: one line per entry, batch and file totals, personal data masked by default. */
final class FilePrinter {
    /** A printout is for reading: past this many entries it says how many it left out. */
    static final int ENTRIES_PRINTED_MAX = 10_000;

    private FilePrinter() {
    }

    static String print(AchFile file, boolean unmask, Optional<RoutingDirectory> directory) {
        StringBuilder text = new StringBuilder();
        text.append("File ").append(file.header().creationDate()).append(' ').append(file.header().creationTime())
                .append(" modifier ").append(file.header().fileIdModifier()).append(": from ")
                .append(file.header().originName()).append(" (").append(file.header().immediateOrigin().strip())
                .append(") to ").append(file.header().destinationName()).append(" (")
                .append(file.header().immediateDestination().strip()).append(")\n");
        long printed = 0;
        long debits = 0;
        long credits = 0;
        for (Batch batch : file.batches()) {
            text.append(batchLine(batch.header()));
            long batchDebits = 0;
            long batchCredits = 0;
            for (Entry entry : batch.entries()) {
                EntryDetail detail = entry.detail();
                if (detail.isDebit()) {
                    batchDebits += detail.amountCents();
                } else {
                    batchCredits += detail.amountCents();
                }
                if (printed++ < ENTRIES_PRINTED_MAX) {
                    text.append(entryLine(entry, unmask, directory));
                }
            }
            text.append("    batch totals: ").append(batch.entries().size()).append(" entries, debits ")
                    .append(money(batchDebits)).append(", credits ").append(money(batchCredits)).append('\n');
            debits += batchDebits;
            credits += batchCredits;
        }
        if (printed > ENTRIES_PRINTED_MAX) {
            text.append("(").append(printed - ENTRIES_PRINTED_MAX).append(" more entries not printed)\n");
        }
        text.append("File totals: ").append(file.batches().size()).append(" batches, ").append(file.entryCount())
                .append(" entries, debits ").append(money(debits)).append(", credits ").append(money(credits))
                .append('\n');
        return text.toString();
    }

    private static String batchLine(BatchHeader header) {
        String company = header instanceof StandardBatchHeader standard
                ? standard.companyName() + " (" + standard.companyIdentification() + ")" : "IAT originator";
        return "  Batch " + header.batchNumber() + " " + header.secCode() + " service class "
                + header.serviceClassCode() + " " + company + " \"" + header.companyEntryDescription()
                + "\" effective " + header.effectiveEntryDate() + "\n";
    }

    private static String entryLine(Entry entry, boolean unmask, Optional<RoutingDirectory> directory) {
        EntryDetail detail = entry.detail();
        String account = switch (detail) {
            case StandardEntry standard -> standard.accountNumber();
            case IatEntry iat -> iat.foreignAccountNumber();
        };
        String name = detail instanceof StandardEntry standard ? standard.name() : "";
        String routing = detail.receivingRoutingNumber();
        String institution = directory.flatMap(known -> known.institutionName(routing)).map(found -> " " + found)
                .orElse("");
        StringBuilder line = new StringBuilder("    ").append(String.format("%015d", detail.traceNumber()))
                .append(" tc ")
                .append(detail.transactionCode()).append(detail.isDebit() ? " debit  " : " credit ")
                .append(money(detail.amountCents())).append(" to ").append(routing).append(institution)
                .append(" account ").append(unmask ? account : Masking.account(account)).append(' ')
                .append(unmask ? name : Masking.name(name)).append('\n');
        for (Addenda addenda : entry.addenda()) {
            line.append("      addenda ").append(String.format("%02d", addenda.typeCode())).append('\n');
        }
        Notices.from(entry).ifPresent(notice -> line.append("      ").append(describe(notice)).append('\n'));
        return line.toString();
    }

    private static String describe(Notice notice) {
        return switch (notice) {
            case Notice.Returned returned -> returned.kind() + " " + returned.reason() + " ("
                    + returned.reason().meaning() + ") of trace " + returned.originalTraceNumber();
            case Notice.Change change -> "NOTIFICATION OF CHANGE " + change.code() + " (" + change.code().meaning()
                    + ") for trace " + change.originalTraceNumber();
        };
    }

    static String money(long cents) {
        return String.format("$%d.%02d", cents / 100, cents % 100);
    }
}
