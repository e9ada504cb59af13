package io.payrail.ach.internal;

import io.payrail.ach.AchRecord;
import io.payrail.ach.Addenda;
import io.payrail.ach.BankingCalendar;
import io.payrail.ach.BatchControl;
import io.payrail.ach.BatchHeader;
import io.payrail.ach.EntryDetail;
import io.payrail.ach.FileControl;
import io.payrail.ach.ProblemCode;
import io.payrail.ach.Profile;
import io.payrail.ach.ReaderOptions;
import io.payrail.ach.RecordType;
import java.time.LocalDate;

/**
 * Turns raw lines into typed records and checks the file as it streams by. It keeps only the current batch's
 * totals and the set of trace numbers, never the records themselves.
 */
public final class FileValidator {
    private static final long HASH_MODULUS = 10_000_000_000L;
    private static final int BLOCKING_FACTOR = 10;
    private static final String PADDING = "9".repeat(LineSource.RECORD_LENGTH);

    private enum Stage { EXPECT_FILE_HEADER, IN_FILE, AFTER_FILE_CONTROL }

    private final ReaderOptions options;
    private final Problems problems;
    private final TraceNumberSet traceNumbers = new TraceNumberSet();
    private Stage stage = Stage.EXPECT_FILE_HEADER;
    private BatchValidator batch;
    private boolean skippingUnsupportedBatch;
    private long recordCount;
    private long paddingCount;
    private long lastLine;
    private long batchCount;
    private long entryAndAddendaCount;
    private long entryHash;
    private long debitCents;
    private long creditCents;
    private long lastBatchNumber;
    private boolean terminatorReported;

    public FileValidator(ReaderOptions options, Problems problems) {
        this.options = options;
        this.problems = problems;
    }

    /** The typed record of a line, or null for padding, skipped lines and records that could not be typed. */
    public AchRecord accept(RawLine raw) {
        lastLine = raw.number();
        String text = repair(raw);
        if (text == null) {
            return null;
        }
        if (stage == Stage.AFTER_FILE_CONTROL && text.equals(PADDING)) {
            paddingCount++;
            return null;
        }
        recordCount++;
        char typeCode = text.charAt(0);
        RecordType type = switch (typeCode) {
            case '1' -> RecordType.FILE_HEADER;
            case '5' -> RecordType.BATCH_HEADER;
            case '6' -> RecordType.ENTRY_DETAIL;
            case '7' -> RecordType.ADDENDA;
            case '8' -> RecordType.BATCH_CONTROL;
            case '9' -> RecordType.FILE_CONTROL;
            default -> RecordType.UNKNOWN;
        };
        LineFields fields = new LineFields(text, raw.number(), type, problems, options.profile());
        if (stage == Stage.EXPECT_FILE_HEADER && type != RecordType.FILE_HEADER) {
            fields.error("recordType", ProblemCode.MISSING_RECORD, "a file must start with a file header (type 1)");
            stage = Stage.IN_FILE;
        } else if (stage == Stage.AFTER_FILE_CONTROL) {
            fields.error("recordType", ProblemCode.UNEXPECTED_RECORD, "only 9-filled padding may follow the file control");
            return null;
        }
        return switch (type) {
            case FILE_HEADER -> fileHeader(fields);
            case BATCH_HEADER -> batchHeader(fields);
            case ENTRY_DETAIL -> entry(fields);
            case ADDENDA -> addenda(fields);
            case BATCH_CONTROL -> batchControl(fields);
            case FILE_CONTROL -> fileControl(fields, text);
            default -> {
                fields.error("recordType", ProblemCode.UNEXPECTED_RECORD, "'" + typeCode + "' is not a record type");
                yield null;
            }
        };
    }

    /** Applies the profile to the line: null when the line is skipped, otherwise exactly 94 characters. */
    private String repair(RawLine raw) {
        boolean lenient = options.profile() == Profile.LENIENT;
        String text = raw.text();
        if (raw.length() == 0) {
            if (!lenient) {
                lineProblem(raw, ProblemCode.EMPTY_LINE, "empty line");
            }
            return null;
        }
        if (raw.terminator() == RawLine.Terminator.CRLF && !lenient && !terminatorReported) {
            terminatorReported = true;
            lineProblem(raw, ProblemCode.LINE_TERMINATOR, "CRLF line terminator (strict profile expects LF)");
        }
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character < 0x20 || character > 0x7E) {
                lineProblem(raw, ProblemCode.NON_ASCII, String.format("character 0x%02X at position %d is not"
                        + " printable ASCII", (int) character, index + 1));
                text = text.replaceAll("[^\\x20-\\x7E]", "?");
                break;
            }
        }
        int length = raw.length();
        if (length > LineSource.RECORD_LENGTH) {
            boolean blankTail = text.length() == length && text.substring(LineSource.RECORD_LENGTH).isBlank();
            if (!lenient || !blankTail) {
                lineProblem(raw, ProblemCode.LINE_LENGTH, "record is " + length + " characters, expected 94");
            }
            return text.substring(0, LineSource.RECORD_LENGTH);
        }
        if (length < LineSource.RECORD_LENGTH) {
            if (!lenient) {
                lineProblem(raw, ProblemCode.LINE_LENGTH, "record is " + length + " characters, expected 94");
            }
            return text + " ".repeat(LineSource.RECORD_LENGTH - length);
        }
        return text;
    }

    private void lineProblem(RawLine raw, ProblemCode code, String reason) {
        problems.error(raw.number(), typeOf(raw.text()), "record", code, reason);
    }

    private static RecordType typeOf(String text) {
        if (text.isEmpty()) {
            return RecordType.UNKNOWN;
        }
        return switch (text.charAt(0)) {
            case '1' -> RecordType.FILE_HEADER;
            case '5' -> RecordType.BATCH_HEADER;
            case '6' -> RecordType.ENTRY_DETAIL;
            case '7' -> RecordType.ADDENDA;
            case '8' -> RecordType.BATCH_CONTROL;
            case '9' -> RecordType.FILE_CONTROL;
            default -> RecordType.UNKNOWN;
        };
    }

    private AchRecord fileHeader(LineFields fields) {
        if (stage != Stage.EXPECT_FILE_HEADER) {
            fields.error("recordType", ProblemCode.UNEXPECTED_RECORD, "a second file header");
        }
        stage = Stage.IN_FILE;
        return HeaderParser.fileHeader(fields);
    }

    private AchRecord batchHeader(LineFields fields) {
        closeBatchWithoutControl(fields.line());
        BatchHeader header = HeaderParser.batchHeader(fields);
        batchCount++;
        skippingUnsupportedBatch = header == null;
        if (header == null) {
            return null;
        }
        if (header.batchNumber() <= lastBatchNumber) {
            fields.error("batchNumber", ProblemCode.INVALID_VALUE, "batch number " + header.batchNumber()
                    + " is not above the previous batch's " + lastBatchNumber);
        }
        lastBatchNumber = Math.max(lastBatchNumber, header.batchNumber());
        checkEffectiveDate(fields, header.effectiveEntryDate());
        batch = new BatchValidator(header, problems, traceNumbers, options);
        return header;
    }

    private void checkEffectiveDate(LineFields fields, String effectiveEntryDate) {
        LocalDate effective = LineFields.parseDate(effectiveEntryDate);
        if (effective != null && !BankingCalendar.isBankingDay(effective)) {
            fields.warning("effectiveEntryDate", ProblemCode.INVALID_DATE, effective
                    + " is not a banking day; entries settle on " + BankingCalendar.settlementDate(effective));
        }
    }

    private void closeBatchWithoutControl(long line) {
        if (batch != null || skippingUnsupportedBatch) {
            problems.error(line, RecordType.BATCH_CONTROL, "recordType", ProblemCode.MISSING_RECORD,
                    "the previous batch has no batch control");
            endBatch();
        }
    }

    private AchRecord entry(LineFields fields) {
        if (skippingUnsupportedBatch) {
            return null;
        }
        if (batch == null) {
            fields.error("recordType", ProblemCode.UNEXPECTED_RECORD, "entry detail outside a batch");
            return null;
        }
        EntryDetail detail = batch.isIat() ? EntryParser.iatEntry(fields) : EntryParser.standardEntry(fields);
        batch.entry(detail, fields.line());
        return detail;
    }

    private AchRecord addenda(LineFields fields) {
        if (skippingUnsupportedBatch) {
            return null;
        }
        if (batch == null || !batch.hasEntry()) {
            fields.error("recordType", ProblemCode.UNEXPECTED_RECORD, "addenda without a preceding entry detail");
            return null;
        }
        Addenda addenda = EntryParser.addenda(fields, batch.isIat());
        if (addenda != null) {
            batch.addenda(addenda, fields.line());
        }
        return addenda;
    }

    private AchRecord batchControl(LineFields fields) {
        BatchControl control = HeaderParser.batchControl(fields);
        if (skippingUnsupportedBatch) {
            endBatch();
            return null;
        }
        if (batch == null) {
            fields.error("recordType", ProblemCode.UNEXPECTED_RECORD, "batch control without a batch header");
            return null;
        }
        batch.control(control, fields.line());
        endBatch();
        return control;
    }

    private void endBatch() {
        if (batch != null) {
            batch.closeEntry();
            entryAndAddendaCount += batch.entryAndAddendaCount;
            entryHash += batch.entryHash;
            debitCents += batch.debitCents;
            creditCents += batch.creditCents;
        }
        batch = null;
        skippingUnsupportedBatch = false;
    }

    private AchRecord fileControl(LineFields fields, String text) {
        if (text.equals(PADDING)) {
            fields.error("recordType", ProblemCode.MISSING_RECORD, "padding found before the file control");
            stage = Stage.AFTER_FILE_CONTROL;
            return null;
        }
        closeBatchWithoutControl(fields.line());
        FileControl control = HeaderParser.fileControl(fields);
        stage = Stage.AFTER_FILE_CONTROL;
        compare(fields, "batchCount", ProblemCode.COUNT_MISMATCH, control.batchCount(), batchCount);
        compare(fields, "blockCount", ProblemCode.COUNT_MISMATCH, control.blockCount(),
                (recordCount + BLOCKING_FACTOR - 1) / BLOCKING_FACTOR);
        compare(fields, "entryAddendaCount", ProblemCode.COUNT_MISMATCH, control.entryAndAddendaCount(),
                entryAndAddendaCount);
        compare(fields, "entryHash", ProblemCode.HASH_MISMATCH, control.entryHash(), entryHash % HASH_MODULUS);
        compare(fields, "totalDebitEntryDollarAmount", ProblemCode.TOTAL_MISMATCH, control.totalDebitCents(),
                debitCents);
        compare(fields, "totalCreditEntryDollarAmount", ProblemCode.TOTAL_MISMATCH, control.totalCreditCents(),
                creditCents);
        return control;
    }

    private static void compare(LineFields fields, String field, ProblemCode code, long found, long expected) {
        if (found != expected) {
            fields.error(field, code, "is " + found + " but the file has " + expected);
        }
    }

    /** Checks what only the end of the input can tell: missing controls and the padding of the last block. */
    public void finish() {
        long next = lastLine + 1;
        if (stage == Stage.EXPECT_FILE_HEADER) {
            problems.error(next, RecordType.FILE_HEADER, "recordType", ProblemCode.MISSING_RECORD, "the file is empty");
            return;
        }
        if (stage != Stage.AFTER_FILE_CONTROL) {
            closeBatchWithoutControl(next);
            problems.error(next, RecordType.FILE_CONTROL, "recordType", ProblemCode.MISSING_RECORD,
                    "the file has no file control (type 9)");
            return;
        }
        long total = recordCount + paddingCount;
        boolean excess = paddingCount >= BLOCKING_FACTOR;
        if (excess || total % BLOCKING_FACTOR != 0 && options.profile() == Profile.STRICT) {
            problems.error(lastLine, RecordType.PADDING, "record", ProblemCode.PADDING, "the file has " + total
                    + " records; it must be filled with 9s to a multiple of " + BLOCKING_FACTOR
                    + (excess ? " and no more" : ""));
        }
    }
}
