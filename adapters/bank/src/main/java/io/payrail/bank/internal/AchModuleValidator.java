package io.payrail.bank.internal;

import io.payrail.ach.AchFile;
import io.payrail.ach.AchFiles;
import io.payrail.ach.AchProblem;
import io.payrail.ach.Batch;
import io.payrail.ach.Entry;
import io.payrail.ach.IatBatchHeader;
import io.payrail.ach.ReadResult;
import io.payrail.ach.ReaderOptions;
import io.payrail.ach.StandardBatchHeader;
import io.payrail.ach.StandardEntry;
import io.payrail.bank.AchEntrySummary;
import io.payrail.bank.AchFileSummary;
import io.payrail.bank.FileValidation;
import io.payrail.bank.FileValidator;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated bank's validation, done by the {@code ach} module's reader with the strict profile (what
 * the Nacha rules require, as a bank checks it). IAT batches are rejected: the simulator does not settle
 * international entries.
 */
public final class AchModuleValidator implements FileValidator {
    public static final int REASONS_MAX = 20;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMdd");

    @Override
    public FileValidation validate(byte[] content) {
        ReadResult result = AchFiles.read(new ByteArrayInputStream(content), ReaderOptions.strict());
        if (!result.valid() || result.file().isEmpty()) {
            List<String> reasons = result.errors().stream().limit(REASONS_MAX).map(AchProblem::describe).toList();
            return new FileValidation.Rejected(reasons.isEmpty() ? List.of("the file could not be read as NACHA") : reasons);
        }
        AchFile file = result.file().get();
        List<AchEntrySummary> entries = new ArrayList<>();
        for (Batch batch : file.batches()) {
            if (batch.header() instanceof IatBatchHeader iat) {
                return new FileValidation.Rejected(List.of("batch " + iat.batchNumber()
                        + ": IAT batches are not accepted by the simulated bank"));
            }
            StandardBatchHeader header = (StandardBatchHeader) batch.header();
            LocalDate effective = date(header.effectiveEntryDate());
            if (effective == null) {
                return new FileValidation.Rejected(List.of("batch " + header.batchNumber()
                        + ": effective entry date '" + header.effectiveEntryDate() + "' is not a YYMMDD date"));
            }
            for (Entry entry : batch.entries()) {
                if (entry.detail() instanceof StandardEntry standard) {
                    entries.add(summary(header, effective, standard));
                }
            }
        }
        LocalDate created = date(file.header().creationDate());
        return new FileValidation.Accepted(new AchFileSummary(file.header().immediateDestination(),
                file.header().immediateOrigin(), created == null ? LocalDate.EPOCH : created,
                String.valueOf(file.header().fileIdModifier()), entries));
    }

    private static AchEntrySummary summary(StandardBatchHeader header, LocalDate effective, StandardEntry entry) {
        return new AchEntrySummary((int) header.batchNumber(), header.companyName().strip(),
                header.companyIdentification().strip(), header.secCode(), header.companyEntryDescription().strip(),
                effective, header.originatingDfi(), entry.transactionCode(), entry.receivingDfi() + entry.checkDigit(),
                entry.accountNumber().strip(), entry.amountCents(), entry.identificationNumber().strip(),
                entry.name().strip(), String.format("%015d", entry.traceNumber()));
    }

    private static LocalDate date(String yymmdd) {
        try {
            return LocalDate.parse(yymmdd, DATE);
        } catch (DateTimeParseException | NullPointerException notADate) {
            return null;
        }
    }
}
