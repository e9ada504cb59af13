package io.payrail.ach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTests {
    private static List<String> sample() {
        return Samples.lines(Samples.ppd());
    }

    private static AchProblem onlyError(List<String> lines) {
        List<AchProblem> errors = Samples.errors(Samples.join(lines), ReaderOptions.strict());
        assertThat(errors).hasSize(1);
        return errors.getFirst();
    }

    private static void assertProblem(AchProblem problem, long line, RecordType type, String field, ProblemCode code) {
        assertThat(problem.line()).isEqualTo(line);
        assertThat(problem.recordType()).isEqualTo(type);
        assertThat(problem.field()).isEqualTo(field);
        assertThat(problem.code()).isEqualTo(code);
    }

    @Test
    void a_file_written_by_the_writer_is_valid_in_the_strict_profile() {
        assertThat(Samples.problems(Samples.join(sample()), ReaderOptions.strict())).isEmpty();
    }

    @Test
    void a_wrong_routing_check_digit_names_the_line_the_entry_and_the_field() {
        AchProblem problem = onlyError(Samples.replace(sample(), 3, 12, "7"));
        assertProblem(problem, 3, RecordType.ENTRY_DETAIL, "checkDigit", ProblemCode.CHECK_DIGIT);
        assertThat(problem.describe()).startsWith("line 3 (entry detail) field checkDigit").contains("expected 2");
    }

    @Test
    void a_letter_in_the_amount_is_not_numeric() {
        List<AchProblem> errors = Samples.errors(Samples.join(Samples.replace(sample(), 3, 30, "00000A0000")),
                ReaderOptions.strict());
        assertProblem(errors.getFirst(), 3, RecordType.ENTRY_DETAIL, "amount", ProblemCode.NOT_NUMERIC);
    }

    @Test
    void a_wrong_batch_entry_hash_is_reported_on_the_batch_control() {
        AchProblem problem = onlyError(Samples.replace(sample(), 6, 11, "0000000001"));
        assertProblem(problem, 6, RecordType.BATCH_CONTROL, "entryHash", ProblemCode.HASH_MISMATCH);
        assertThat(problem.reason()).contains("24208576");
    }

    @Test
    void wrong_debit_and_credit_totals_are_each_reported() {
        List<String> lines = Samples.replace(sample(), 7, 32, "000000002551");
        AchProblem debit = onlyError(lines);
        assertProblem(debit, 7, RecordType.FILE_CONTROL, "totalDebitEntryDollarAmount", ProblemCode.TOTAL_MISMATCH);
        AchProblem credit = onlyError(Samples.replace(sample(), 6, 33, "000000010001"));
        assertProblem(credit, 6, RecordType.BATCH_CONTROL, "totalCreditEntryDollarAmount", ProblemCode.TOTAL_MISMATCH);
    }

    @Test
    void a_wrong_entry_and_addenda_count_is_reported() {
        AchProblem problem = onlyError(Samples.replace(sample(), 6, 5, "000004"));
        assertProblem(problem, 6, RecordType.BATCH_CONTROL, "entryAddendaCount", ProblemCode.COUNT_MISMATCH);
        AchProblem blocks = onlyError(Samples.replace(sample(), 7, 8, "000002"));
        assertProblem(blocks, 7, RecordType.FILE_CONTROL, "blockCount", ProblemCode.COUNT_MISMATCH);
    }

    @Test
    void a_debit_in_a_credits_only_batch_breaks_the_service_class() {
        List<String> lines = Samples.replace(sample(), 2, 2, "220");
        Samples.replace(lines, 6, 2, "220");
        AchProblem problem = onlyError(lines);
        assertProblem(problem, 4, RecordType.ENTRY_DETAIL, "transactionCode", ProblemCode.SERVICE_CLASS_MISMATCH);
    }

    @Test
    void trace_numbers_must_ascend_within_a_batch_and_be_unique_in_the_file() {
        List<String> lines = Samples.replace(sample(), 4, 80, "231380100000001");
        Samples.replace(lines, 5, 88, "0000001");
        List<AchProblem> errors = Samples.errors(Samples.join(lines), ReaderOptions.strict());
        assertThat(errors).extracting(AchProblem::code)
                .containsExactly(ProblemCode.TRACE_ORDER, ProblemCode.TRACE_DUPLICATE);
        assertThat(errors).allSatisfy(error -> assertThat(error.line()).isEqualTo(4));
    }

    @Test
    void an_addenda_sequence_that_does_not_match_the_trace_is_an_addenda_error() {
        AchProblem problem = onlyError(Samples.replace(sample(), 5, 88, "0000009"));
        assertProblem(problem, 5, RecordType.ADDENDA, "entryDetailSequenceNumber", ProblemCode.ADDENDA);
    }

    @Test
    void an_addenda_indicator_without_addenda_is_reported_on_the_entry() {
        AchProblem problem = onlyError(Samples.replace(sample(), 3, 79, "1"));
        assertProblem(problem, 3, RecordType.ENTRY_DETAIL, "addendaRecordIndicator", ProblemCode.ADDENDA);
    }

    @Test
    void an_impossible_effective_entry_date_is_invalid() {
        AchProblem problem = onlyError(Samples.replace(sample(), 2, 70, "261331"));
        assertProblem(problem, 2, RecordType.BATCH_HEADER, "effectiveEntryDate", ProblemCode.INVALID_DATE);
    }

    @Test
    void an_effective_date_on_a_weekend_is_a_warning_with_the_settlement_date() {
        List<AchProblem> problems = Samples.problems(Samples.join(Samples.replace(sample(), 2, 70, "261128")),
                ReaderOptions.strict());
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.severity()).isEqualTo(Severity.WARNING);
            assertThat(problem.reason()).contains("2026-11-30");
        });
    }

    @Test
    void missing_padding_trimmed_lines_and_crlf_are_errors_only_in_the_strict_profile() {
        List<String> lines = sample().subList(0, 7);
        lines.set(0, lines.get(0).stripTrailing());
        String content = String.join("\r\n", lines);
        List<AchProblem> strict = Samples.errors(content, ReaderOptions.strict());
        assertThat(strict).extracting(AchProblem::code).containsExactly(ProblemCode.LINE_TERMINATOR,
                ProblemCode.LINE_LENGTH, ProblemCode.PADDING);
        assertThat(Samples.errors(content, ReaderOptions.lenient())).isEmpty();
    }

    @Test
    void a_missing_file_control_and_batch_control_are_missing_records() {
        List<String> lines = sample().subList(0, 5);
        List<AchProblem> errors = Samples.errors(Samples.join(lines), ReaderOptions.strict());
        assertThat(errors).extracting(AchProblem::code, AchProblem::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ProblemCode.MISSING_RECORD, 6L),
                org.assertj.core.groups.Tuple.tuple(ProblemCode.MISSING_RECORD, 6L));
    }

    @Test
    void an_empty_input_is_reported_as_an_empty_file() {
        assertThat(Samples.errors("", ReaderOptions.lenient())).singleElement()
                .satisfies(error -> assertThat(error.code()).isEqualTo(ProblemCode.MISSING_RECORD));
    }

    @Test
    void stop_at_first_throws_the_one_checked_exception_with_the_first_error() {
        List<String> lines = Samples.replace(Samples.replace(sample(), 3, 12, "7"), 6, 11, "0000000001");
        ReaderOptions options = ReaderOptions.strict().withMode(FailureMode.STOP_AT_FIRST);
        AchReader reader = AchReader.open(new ByteArrayInputStream(Samples.join(lines)
                .getBytes(StandardCharsets.US_ASCII)), options);
        assertThatThrownBy(() -> {
            while (reader.next() != null) {
                // Reads until the first error.
            }
        }).isInstanceOf(AchFormatException.class).satisfies(thrown -> {
            List<AchProblem> problems = ((AchFormatException) thrown).problems();
            assertThat(problems).singleElement().satisfies(problem ->
                    assertThat(problem.field()).isEqualTo("checkDigit"));
        });
        reader.close();
    }

    @Test
    void collect_all_reports_every_error_of_the_file() {
        List<String> lines = Samples.replace(Samples.replace(sample(), 3, 12, "7"), 6, 11, "0000000001");
        assertThat(Samples.errors(Samples.join(lines), ReaderOptions.strict())).extracting(AchProblem::field)
                .containsExactly("checkDigit", "entryHash");
    }

    @Test
    void the_reader_yields_typed_records_as_it_streams() throws AchFormatException {
        String content = Samples.join(sample());
        try (AchReader reader = AchReader.open(new ByteArrayInputStream(content.getBytes(StandardCharsets.US_ASCII)),
                ReaderOptions.strict())) {
            assertThat(reader.next()).isInstanceOf(FileHeader.class);
            assertThat(reader.next()).isInstanceOf(StandardBatchHeader.class);
            assertThat(reader.next()).isInstanceOfSatisfying(StandardEntry.class, entry -> {
                assertThat(entry.amountCents()).isEqualTo(10_000);
                assertThat(entry.receivingRoutingNumber()).isEqualTo("121042882");
            });
            assertThat(reader.next()).isInstanceOf(StandardEntry.class);
            assertThat(reader.next()).isInstanceOf(Addenda05.class);
            assertThat(reader.next()).isInstanceOf(BatchControl.class);
            assertThat(reader.next()).isInstanceOf(FileControl.class);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void a_routing_number_missing_from_the_directory_is_a_warning_not_an_error() {
        RoutingDirectory directory = RoutingDirectory.of(java.util.Map.of("231380104", "CITADEL"));
        List<AchProblem> problems = Samples.problems(Samples.join(sample()),
                ReaderOptions.strict().withDirectory(directory));
        assertThat(problems).hasSize(2).allSatisfy(problem -> {
            assertThat(problem.severity()).isEqualTo(Severity.WARNING);
            assertThat(problem.code()).isEqualTo(ProblemCode.ROUTING_UNKNOWN);
        });
    }

    @Test
    void records_without_line_terminators_are_read_as_consecutive_94_character_records() {
        String content = String.join("", sample());
        assertThat(Samples.problems(content, ReaderOptions.strict())).isEmpty();
    }
}
