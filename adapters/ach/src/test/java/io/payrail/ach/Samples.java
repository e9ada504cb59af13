package io.payrail.ach;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small canonical files built with the writer, and helpers to mutate and read them. */
final class Samples {
    static final String ODFI = "23138010";

    private Samples() {
    }

    static FileHeader fileHeader() {
        return new FileHeader("01", " 231380104", " 121042882", "261120", "0930", 'A', "FEDERAL RESERVE BANK",
                "MY BANK NAME", "");
    }

    static StandardBatchHeader batchHeader(int serviceClass, String secCode, long batchNumber) {
        return new StandardBatchHeader(serviceClass, "ACME CORP", "", "1234567890", secCode, "PAYROLL", "",
                "261123", "", '1', ODFI, batchNumber);
    }

    static StandardEntry entry(int transactionCode, long amountCents, long traceNumber, char addendaIndicator) {
        return new StandardEntry(transactionCode, "12104288", '2', "123456789", amountCents, "EMP-7", "JANE DOE", "",
                addendaIndicator, traceNumber);
    }

    /** A PPD mixed batch: a credit of $100.00 and a debit of $25.50 with an addenda 05. */
    static AchFile ppd() {
        long trace = Long.parseLong(ODFI + "0000001");
        Entry credit = Entry.of(entry(22, 10_000, trace, '0'));
        Entry debit = Entry.of(entry(27, 2_550, trace + 1, '1'), new Addenda05("INVOICE 42", 1, 2));
        return AchFile.of(fileHeader(), List.of(Batch.of(batchHeader(200, "PPD", 1), List.of(credit, debit))));
    }

    static String text(AchFile file) {
        return new String(AchFiles.toBytes(file, WriterOptions.standard()), StandardCharsets.US_ASCII);
    }

    static List<String> lines(AchFile file) {
        return new ArrayList<>(List.of(text(file).split("\n")));
    }

    /** Replaces positions {@code start..} (1-based) of line {@code lineNumber} (1-based) with {@code value}. */
    static List<String> replace(List<String> lines, int lineNumber, int start, String value) {
        String line = lines.get(lineNumber - 1);
        lines.set(lineNumber - 1, line.substring(0, start - 1) + value + line.substring(start - 1 + value.length()));
        return lines;
    }

    static String join(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    static List<AchProblem> problems(String content, ReaderOptions options) {
        try (AchReader reader = AchReader.open(new ByteArrayInputStream(content.getBytes(StandardCharsets.ISO_8859_1)),
                options)) {
            return reader.validateRest();
        }
    }

    static List<AchProblem> errors(String content, ReaderOptions options) {
        return problems(content, options).stream().filter(AchProblem::isError).toList();
    }
}
