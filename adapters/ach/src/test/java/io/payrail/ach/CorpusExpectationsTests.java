package io.payrail.ach;

import static io.payrail.ach.ProblemCode.ADDENDA;
import static io.payrail.ach.ProblemCode.CHECK_DIGIT;
import static io.payrail.ach.ProblemCode.COUNT_MISMATCH;
import static io.payrail.ach.ProblemCode.EMPTY_LINE;
import static io.payrail.ach.ProblemCode.HASH_MISMATCH;
import static io.payrail.ach.ProblemCode.INVALID_DATE;
import static io.payrail.ach.ProblemCode.INVALID_VALUE;
import static io.payrail.ach.ProblemCode.LINE_LENGTH;
import static io.payrail.ach.ProblemCode.LINE_TERMINATOR;
import static io.payrail.ach.ProblemCode.MISSING_RECORD;
import static io.payrail.ach.ProblemCode.NON_ASCII;
import static io.payrail.ach.ProblemCode.NOT_NUMERIC;
import static io.payrail.ach.ProblemCode.PADDING;
import static io.payrail.ach.ProblemCode.SERVICE_CLASS_MISMATCH;
import static io.payrail.ach.ProblemCode.TRACE_DUPLICATE;
import static io.payrail.ach.ProblemCode.UNEXPECTED_RECORD;
import static io.payrail.ach.ProblemCode.UNSUPPORTED;
import static io.payrail.ach.RecordType.BATCH_CONTROL;
import static io.payrail.ach.RecordType.BATCH_HEADER;
import static io.payrail.ach.RecordType.ENTRY_DETAIL;
import static io.payrail.ach.RecordType.FILE_CONTROL;
import static io.payrail.ach.RecordType.FILE_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of shared/data/ach with its stated outcome under the strict and the lenient profile: valid, or
 * rejected with a given error (line, record type, field, code) among the errors reported.
 */
class CorpusExpectationsTests {
    private sealed interface Outcome permits Valid, Rejected {
    }

    private record Valid() implements Outcome {
    }

    private record Rejected(long line, RecordType type, String field, ProblemCode code) implements Outcome {
    }

    private record Expectation(Outcome strict, Outcome lenient) {
    }

    private static final Outcome VALID = new Valid();

    private static Outcome rejected(long line, RecordType type, String field, ProblemCode code) {
        return new Rejected(line, type, field, code);
    }

    private static Map.Entry<String, Expectation> both(String file, Outcome outcome) {
        return Map.entry(file, new Expectation(outcome, outcome));
    }

    private static Map.Entry<String, Expectation> each(String file, Outcome strict, Outcome lenient) {
        return Map.entry(file, new Expectation(strict, lenient));
    }

    /** Records trimmed of their trailing blanks: only the lenient profile pads them back. */
    private static Map.Entry<String, Expectation> trimmed(String file, long shortLine) {
        return each(file, rejected(shortLine, FILE_HEADER, "record", LINE_LENGTH), VALID);
    }

    private static final Map<String, Expectation> EXPECTATIONS = Map.ofEntries(
            both("20110729A-invalid.ach", rejected(1, FILE_HEADER, "fileCreationDate", INVALID_DATE)),
            // Real file whose batches restart their trace numbers: NACHA wants them unique in the file.
            both("20110805A.ach", rejected(30, ENTRY_DETAIL, "traceNumber", TRACE_DUPLICATE)),
            both("20180713-IAT.ach", rejected(13, ENTRY_DETAIL, "transactionCode", SERVICE_CLASS_MISMATCH)),
            both("20180716-IAT-A17-A18.ach", rejected(20, ENTRY_DETAIL, "transactionCode", SERVICE_CLASS_MISMATCH)),
            both("20180716-IAT-A17.ach", rejected(15, ENTRY_DETAIL, "transactionCode", SERVICE_CLASS_MISMATCH)),
            each("FISERV-ZEROFILE-PIMRET825324_032720_110221.ach",
                    rejected(1, FILE_HEADER, "record", LINE_TERMINATOR),
                    rejected(1, FILE_HEADER, "immediateDestination", CHECK_DIGIT)),
            both("Iat-invalidAddenda13.ach", rejected(7, RecordType.ADDENDA, "record", NON_ASCII)),
            both("NACHA_SAMPLE_TEL_REVERSAL.ach", VALID),
            both("adv-invalidBatchEntries.ach", rejected(2, BATCH_HEADER, "standardEntryClassCode", UNSUPPORTED)),
            both("adv-invalidFileControl.ach", rejected(2, BATCH_HEADER, "standardEntryClassCode", UNSUPPORTED)),
            both("adv-noFileControl.ach", rejected(6, FILE_CONTROL, "recordType", MISSING_RECORD)),
            both("adv.ach", rejected(2, BATCH_HEADER, "standardEntryClassCode", UNSUPPORTED)),
            both("bh-ed-ad-bh-ed-ad-ed-ad.ach", rejected(1, BATCH_HEADER, "recordType", MISSING_RECORD)),
            both("ccd-debit.ach", VALID),
            both("cor-example.ach", VALID),
            both("crashers/0.ach", rejected(1, BATCH_HEADER, "recordType", MISSING_RECORD)),
            both("crashers/1.ach", rejected(1, BATCH_HEADER, "recordType", MISSING_RECORD)),
            both("crashers/2.ach", rejected(1, BATCH_HEADER, "recordType", MISSING_RECORD)),
            both("crashers/3.ach", rejected(5, FILE_CONTROL, "totalCreditEntryDollarAmount", NOT_NUMERIC)),
            both("crashers/4.ach", rejected(3, RecordType.ADDENDA, "typeCode", INVALID_VALUE)),
            both("crashers/5.ach", rejected(1, BATCH_HEADER, "record", NON_ASCII)),
            both("ctx-debit.ach", VALID),
            both("extended-ascii.ach", rejected(15, ENTRY_DETAIL, "record", NON_ASCII)),
            both("flattenADVBatchesMultipleBatchHeaders.ach",
                    rejected(2, BATCH_HEADER, "standardEntryClassCode", UNSUPPORTED)),
            both("flattenADVBatchesOneBatchHeader.ach",
                    rejected(7, BATCH_HEADER, "standardEntryClassCode", UNSUPPORTED)),
            both("flattenBatchesMultipleBatchHeaders.ach", VALID),
            both("flattenBatchesOneBatchHeader.ach", VALID),
            both("flattenBatchesTraceNumberCollision.ach", rejected(11, ENTRY_DETAIL, "traceNumber", TRACE_DUPLICATE)),
            // moov writes 0007 as the IAT addenda count even with addenda 17/18: strict rejects, lenient warns.
            each("flattenIATBatchesMultipleBatchHeaders.ach", rejected(3, ENTRY_DETAIL, "addendaRecords", ADDENDA),
                    VALID),
            both("flattenIATBatchesOneBatchHeader.ach", rejected(35, ENTRY_DETAIL, "traceNumber", TRACE_DUPLICATE)),
            each("gl-debit.ach", rejected(11, RecordType.UNKNOWN, "record", EMPTY_LINE), VALID),
            // A notification of change (IAT COR batch) with a non-zero amount.
            both("iat-addenda98.ach", rejected(3, ENTRY_DETAIL, "amount", INVALID_VALUE)),
            each("iat-addenda99.ach", rejected(2, BATCH_HEADER, "effectiveEntryDate", INVALID_DATE), VALID),
            both("iat-batchHeaderErr.ach", rejected(4, BATCH_CONTROL, "recordType", MISSING_RECORD)),
            each("iat-debit.ach", rejected(3, ENTRY_DETAIL, "addendaRecords", ADDENDA), VALID),
            both("iat-invalidAddenda10.ach", rejected(4, RecordType.ADDENDA, "transactionTypeCode", INVALID_VALUE)),
            both("iat-invalidAddenda11.ach", rejected(5, RecordType.ADDENDA, "record", NON_ASCII)),
            both("iat-invalidAddenda12.ach", rejected(6, RecordType.ADDENDA, "record", NON_ASCII)),
            both("iat-invalidAddenda14.ach", rejected(8, RecordType.ADDENDA, "record", NON_ASCII)),
            both("iat-invalidAddenda15.ach", rejected(9, RecordType.ADDENDA, "record", NON_ASCII)),
            both("iat-invalidAddenda16.ach", rejected(10, RecordType.ADDENDA, "record", NON_ASCII)),
            both("iat-invalidAddenda17.ach", rejected(11, RecordType.ADDENDA, "record", NON_ASCII)),
            both("iat-invalidAddenda18.ach", rejected(12, RecordType.ADDENDA, "record", NON_ASCII)),
            both("iat-invalidAddenda98.ach", rejected(11, RecordType.ADDENDA, "changeCode", INVALID_VALUE)),
            both("iat-invalidAddenda99.ach", rejected(11, RecordType.ADDENDA, "returnCode", INVALID_VALUE)),
            both("iat-invalidAddendaRecordIndicator.ach",
                    rejected(3, ENTRY_DETAIL, "addendaRecordIndicator", INVALID_VALUE)),
            both("iat-invalidBatchControl.ach",
                    rejected(11, BATCH_CONTROL, "originatingDFIIdentification", INVALID_VALUE)),
            both("iat-invalidBatchHeader.ach", rejected(2, BATCH_HEADER, "serviceClassCode", INVALID_VALUE)),
            both("iat-invalidEntryDetail.ach", rejected(3, ENTRY_DETAIL, "transactionCode", INVALID_VALUE)),
            each("iat-mixedDebitCredit.ach", rejected(14, ENTRY_DETAIL, "addendaRecords", ADDENDA), VALID),
            both("invalid-two-micro-deposits.ach", rejected(15, ENTRY_DETAIL, "amount", NOT_NUMERIC)),
            each("loan-credit.ach", rejected(11, RecordType.UNKNOWN, "record", EMPTY_LINE), VALID),
            each("long-line.ach", rejected(3, ENTRY_DETAIL, "record", LINE_LENGTH), VALID),
            both("moov-ids.ach", rejected(10, FILE_CONTROL, "entryHash", HASH_MISMATCH)),
            both("nonascii-utf8.ach", rejected(3, ENTRY_DETAIL, "record", NON_ASCII)),
            both("nonascii.ach", rejected(3, ENTRY_DETAIL, "record", NON_ASCII)),
            both("pos-invalidEntryDetail.ach", rejected(3, ENTRY_DETAIL, "record", NON_ASCII)),
            both("pos-invalidReturnFile.ach", rejected(4, RecordType.ADDENDA, "returnCode", INVALID_VALUE)),
            both("ppd-credit.ach", VALID),
            trimmed("ppd-debit-customTraceNumber.ach", 1),
            each("ppd-debit-fixedLength.ach", rejected(5, RecordType.PADDING, "record", PADDING), VALID),
            both("ppd-debit-fixedLengthInvalid.ach", rejected(1, FILE_HEADER, "record", LINE_LENGTH)),
            both("ppd-debit-invalid-entryDetail-checkDigit.ach", rejected(3, ENTRY_DETAIL, "checkDigit", CHECK_DIGIT)),
            trimmed("ppd-debit.ach", 1),
            both("ppd-mixedDebitCredit-invalid.ach", rejected(1, FILE_HEADER, "immediateOrigin", NOT_NUMERIC)),
            both("ppd-mixedDebitCredit.ach", VALID),
            each("rck.ach", rejected(5, RecordType.PADDING, "record", PADDING), VALID),
            both("return-PPD-custom-reason-code.ach", rejected(4, RecordType.ADDENDA, "returnCode", INVALID_VALUE)),
            both("return-WEB.ach", VALID),
            both("return-no-batch-controls.ach", rejected(4, BATCH_CONTROL, "recordType", MISSING_RECORD)),
            both("return-no-batch-header.ach", rejected(1, ENTRY_DETAIL, "recordType", UNEXPECTED_RECORD)),
            both("return-no-file-header-control.ach", rejected(5, FILE_CONTROL, "recordType", MISSING_RECORD)),
            each("short-line.ach", rejected(5, FILE_CONTROL, "record", LINE_LENGTH), VALID),
            both("shr-credit.ach", rejected(32, FILE_CONTROL, "batchCount", COUNT_MISMATCH)),
            both("skip-validation.ach", rejected(1, FILE_HEADER, "immediateDestination", NOT_NUMERIC)),
            both("two-micro-deposits.ach", VALID),
            both("txp-credit.ach", rejected(2, BATCH_HEADER, "effectiveEntryDate", INVALID_DATE)),
            both("txp-debit.ach", rejected(4, RecordType.ADDENDA, "entryDetailSequenceNumber", NOT_NUMERIC)),
            both("web-debit.ach", VALID),
            both("web-invalidNOCFile.ach", rejected(4, RecordType.ADDENDA, "changeCode", INVALID_VALUE)));

    @Test
    void every_file_of_the_corpus_has_a_stated_expectation() {
        assertThat(Corpus.allFileNames()).isNotEmpty().allSatisfy(name ->
                assertThat(EXPECTATIONS).as("expectation for " + name).containsKey(name));
        assertThat(EXPECTATIONS.keySet()).allSatisfy(name ->
                assertThat(Corpus.allFileNames()).as("file of expectation " + name).contains(name));
    }

    @TestFactory
    Stream<DynamicTest> each_file_is_valid_or_rejected_with_its_stated_error_in_both_profiles() {
        return Corpus.allFileNames().stream().flatMap(name -> Stream.of(
                DynamicTest.dynamicTest(name + " strict", () -> check(name, ReaderOptions.strict(),
                        expectation(name).strict())),
                DynamicTest.dynamicTest(name + " lenient", () -> check(name, ReaderOptions.lenient(),
                        expectation(name).lenient()))));
    }

    @TestFactory
    Stream<DynamicTest> stopping_at_the_first_error_reports_exactly_one_error_of_the_collected_ones() {
        return Corpus.allFileNames().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            ReaderOptions collect = ReaderOptions.strict();
            List<AchProblem> all = errors(name, collect);
            List<AchProblem> first = errors(name, collect.withMode(FailureMode.STOP_AT_FIRST));
            if (all.isEmpty()) {
                assertThat(first).isEmpty();
            } else {
                assertThat(first).hasSize(1);
                assertThat(all).contains(first.getFirst());
            }
        }));
    }

    private static Expectation expectation(String name) {
        Expectation expectation = EXPECTATIONS.get(name);
        assertThat(expectation).as("no stated expectation for " + name).isNotNull();
        return expectation;
    }

    private static void check(String name, ReaderOptions options, Outcome outcome) throws AchFormatException {
        List<AchProblem> errors = errors(name, options);
        switch (outcome) {
            case Valid valid -> assertThat(errors).as(name + " " + valid).isEmpty();
            case Rejected expected -> assertThat(errors).as(name).anySatisfy(problem -> {
                assertThat(problem.line()).isEqualTo(expected.line());
                assertThat(problem.recordType()).isEqualTo(expected.type());
                assertThat(problem.field()).isEqualTo(expected.field());
                assertThat(problem.code()).isEqualTo(expected.code());
                assertThat(problem.reason()).isNotBlank();
            });
        }
    }

    private static List<AchProblem> errors(String name, ReaderOptions options) throws AchFormatException {
        try (AchReader reader = AchReader.open(Corpus.file(name), options)) {
            return reader.validateRest().stream().filter(AchProblem::isError).toList();
        }
    }
}
