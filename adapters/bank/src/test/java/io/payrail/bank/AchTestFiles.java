package io.payrail.bank;

import io.payrail.ach.AchWriter;
import io.payrail.ach.FileHeader;
import io.payrail.ach.StandardBatchHeader;
import io.payrail.ach.StandardEntry;
import io.payrail.ach.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Valid NACHA credit files for tests, written with the ach module: one PPD batch paying the given accounts. */
final class AchTestFiles {
    static final String RECEIVING_ROUTING = "011000015";
    static final String ORIGIN = "1234567890";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMdd");

    private AchTestFiles() {}

    record Payment(String account, long amountMinor) {}

    static byte[] credits(LocalDate created, String fileIdModifier, LocalDate effectiveDate, List<Payment> payments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FileHeader header = new FileHeader("01", " " + BankConnections.SIMULATED_BANK_ROUTING, ORIGIN, created.format(DATE), "0930",
                fileIdModifier.charAt(0), "SIMULATED BANK", "PAYRAIL", "");
        try (AchWriter writer = AchWriter.open(out, header, WriterOptions.standard())) {
            writer.startBatch(new StandardBatchHeader(220, "PAYRAIL", "", ORIGIN, "PPD", "BILLPAY", "",
                    effectiveDate.format(DATE), "", '1', "02100002", 1));
            for (int index = 0; index < payments.size(); index++) {
                Payment payment = payments.get(index);
                writer.entry(new StandardEntry(22, RECEIVING_ROUTING.substring(0, 8), RECEIVING_ROUTING.charAt(8),
                        payment.account(), payment.amountMinor(), "VENDOR" + index, "VENDOR NUMBER " + index, "", '0',
                        21_000_020_000_000L + index + 1), List.of());
            }
            writer.endBatch();
            writer.finish();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    static byte[] credits(LocalDate day, String fileIdModifier, List<Payment> payments) {
        return credits(day, fileIdModifier, day, payments);
    }

    static List<String> lines(byte[] file) {
        return new String(file, StandardCharsets.US_ASCII).lines().toList();
    }
}
