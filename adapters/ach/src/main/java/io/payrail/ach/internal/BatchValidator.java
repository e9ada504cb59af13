package io.payrail.ach.internal;

import io.payrail.ach.Addenda;
import io.payrail.ach.Addenda02;
import io.payrail.ach.Addenda05;
import io.payrail.ach.Addenda98;
import io.payrail.ach.Addenda99;
import io.payrail.ach.BatchControl;
import io.payrail.ach.BatchHeader;
import io.payrail.ach.EntryDetail;
import io.payrail.ach.IatAddenda;
import io.payrail.ach.IatEntry;
import io.payrail.ach.IatBatchHeader;
import io.payrail.ach.ProblemCode;
import io.payrail.ach.Profile;
import io.payrail.ach.ReaderOptions;
import io.payrail.ach.RecordType;
import io.payrail.ach.RoutingDirectory;
import io.payrail.ach.StandardBatchHeader;
import io.payrail.ach.StandardEntry;
import io.payrail.ach.TransactionCodes;
import java.util.Optional;

/** Checks one batch as its records stream by: codes, addenda, trace order, and the control totals. */
final class BatchValidator {
    /** CTX allows up to 9,999 addenda per entry; other SEC codes allow one. */
    static final int CTX_ADDENDA_MAX = 9_999;
    private static final long HASH_MODULUS = 10_000_000_000L;
    private static final int IAT_MANDATORY_ADDENDA = 7;
    private static final int IAT_REMITTANCE_ADDENDA_MAX = 2;
    private static final int IAT_CORRESPONDENT_ADDENDA_MAX = 5;

    private final BatchHeader header;
    private final Problems problems;
    private final TraceNumberSet traceNumbers;
    private final Optional<RoutingDirectory> directory;
    private final Profile profile;
    long entryAndAddendaCount;
    long entryHash;
    long debitCents;
    long creditCents;
    private long lastTraceNumber = -1;
    private EntryDetail entry;
    private long entryLine;
    private int addendaCount;
    private int lastIatType;
    private int remittanceCount;
    private int correspondentCount;
    private boolean returnOrChangeAddenda;

    BatchValidator(BatchHeader header, Problems problems, TraceNumberSet traceNumbers, ReaderOptions options) {
        this.header = header;
        this.problems = problems;
        this.traceNumbers = traceNumbers;
        this.directory = options.directory();
        this.profile = options.profile();
    }

    boolean isIat() {
        return header instanceof IatBatchHeader;
    }

    boolean hasEntry() {
        return entry != null;
    }

    void entry(EntryDetail detail, long line) {
        closeEntry();
        entry = detail;
        entryLine = line;
        addendaCount = 0;
        lastIatType = 0;
        remittanceCount = 0;
        correspondentCount = 0;
        returnOrChangeAddenda = false;
        entryAndAddendaCount++;
        entryHash += digitsValue(detail.receivingDfi());
        int code = detail.transactionCode();
        if (TransactionCodes.isDebit(code)) {
            debitCents += detail.amountCents();
        } else if (TransactionCodes.isCredit(code)) {
            creditCents += detail.amountCents();
        }
        checkCodes(detail, line);
        checkTrace(detail.traceNumber(), line);
        directory.ifPresent(known -> {
            if (!known.contains(detail.receivingRoutingNumber())) {
                problems.warning(line, RecordType.ENTRY_DETAIL, "rdfiIdentification", ProblemCode.ROUTING_UNKNOWN,
                        "routing number " + detail.receivingRoutingNumber() + " is not in the FedACH directory");
            }
        });
    }

    private static long digitsValue(String digits) {
        long value = 0;
        for (int index = 0; index < digits.length(); index++) {
            char character = digits.charAt(index);
            if (character < '0' || character > '9') {
                return 0;
            }
            value = value * 10 + (character - '0');
        }
        return value;
    }

    private void checkCodes(EntryDetail detail, long line) {
        int code = detail.transactionCode();
        if (TransactionCodes.isKnown(code) && !TransactionCodes.allowedIn(header.serviceClassCode(), code)) {
            error(line, RecordType.ENTRY_DETAIL, "transactionCode", ProblemCode.SERVICE_CLASS_MISMATCH,
                    "transaction code " + code + " is a " + (TransactionCodes.isDebit(code) ? "debit" : "credit")
                            + " but the batch service class code is " + header.serviceClassCode());
        }
        if (TransactionCodes.isZeroAmount(code) && detail.amountCents() != 0) {
            error(line, RecordType.ENTRY_DETAIL, "amount", ProblemCode.INVALID_VALUE,
                    "transaction code " + code + " (prenotification or zero-dollar) requires a zero amount");
        }
        if (header.secCode().equals("COR")) {
            if (!TransactionCodes.isReturnOrChange(code)) {
                error(line, RecordType.ENTRY_DETAIL, "transactionCode", ProblemCode.INVALID_VALUE,
                        "COR entries must use a return/notification transaction code (x1 or x6), found " + code);
            }
            if (detail.amountCents() != 0) {
                error(line, RecordType.ENTRY_DETAIL, "amount", ProblemCode.INVALID_VALUE,
                        "a notification of change must have a zero amount");
            }
        }
    }

    private void checkTrace(long traceNumber, long line) {
        if (traceNumber <= lastTraceNumber) {
            error(line, RecordType.ENTRY_DETAIL, "traceNumber", ProblemCode.TRACE_ORDER, "trace number "
                    + traceNumber + " is not above the previous one " + lastTraceNumber + " in the batch");
        }
        lastTraceNumber = Math.max(lastTraceNumber, traceNumber);
        if (traceNumbers.add(traceNumber) == TraceNumberSet.Outcome.DUPLICATE) {
            error(line, RecordType.ENTRY_DETAIL, "traceNumber", ProblemCode.TRACE_DUPLICATE,
                    "trace number " + traceNumber + " appears more than once in the file");
        }
    }

    void addenda(Addenda addenda, long line) {
        entryAndAddendaCount++;
        addendaCount++;
        if (entry.addendaIndicator() != '1') {
            error(line, RecordType.ADDENDA, "addendaRecordIndicator", ProblemCode.ADDENDA,
                    "addenda follows an entry whose addenda record indicator is '" + entry.addendaIndicator() + "'");
        }
        long entrySequence = entry.traceNumber() % 10_000_000L;
        switch (addenda) {
            case Addenda02 terminal -> terminal(line);
            case Addenda05 payment -> payment(payment, entrySequence, line);
            case Addenda98 change -> changeOrReturn(change.traceNumber(), line, "addenda 98");
            case Addenda99 returned -> changeOrReturn(returned.traceNumber(), line, "addenda 99");
            case IatAddenda international -> international(international, entrySequence, line);
        }
        if (header.secCode().equals("COR") && !(addenda instanceof Addenda98) && !isIat()) {
            error(line, RecordType.ADDENDA, "typeCode", ProblemCode.ADDENDA, "COR entries take addenda 98 only");
        }
    }

    private void terminal(long line) {
        String secCode = header.secCode();
        if (!(secCode.equals("POS") || secCode.equals("SHR") || secCode.equals("MTE")) || addendaCount > 1) {
            error(line, RecordType.ADDENDA, "typeCode", ProblemCode.ADDENDA,
                    "addenda 02 (terminal information) is allowed once per entry in POS, SHR and MTE batches only");
        }
    }

    private void payment(Addenda05 payment, long entrySequence, long line) {
        int allowed = header.secCode().equals("CTX") ? CTX_ADDENDA_MAX : 1;
        if (isIat() || returnOrChangeAddenda || addendaCount > allowed) {
            error(line, RecordType.ADDENDA, "typeCode", ProblemCode.ADDENDA, "too many addenda or addenda 05 not "
                    + "allowed here: " + header.secCode() + " allows " + allowed + " addenda 05 per entry");
        }
        if (payment.sequenceNumber() != addendaCount) {
            error(line, RecordType.ADDENDA, "sequenceNumber", ProblemCode.ADDENDA, "addenda sequence number "
                    + payment.sequenceNumber() + " should be " + addendaCount);
        }
        if (payment.entrySequenceNumber() != entrySequence) {
            error(line, RecordType.ADDENDA, "entryDetailSequenceNumber", ProblemCode.ADDENDA,
                    "entry detail sequence number " + payment.entrySequenceNumber()
                            + " should be the last seven digits of the entry's trace number, " + entrySequence);
        }
    }

    private void changeOrReturn(long traceNumber, long line, String kind) {
        if (addendaCount > 1 && !isIat() || returnOrChangeAddenda) {
            error(line, RecordType.ADDENDA, "typeCode", ProblemCode.ADDENDA, kind + " must be the only addenda"
                    + " of its entry");
        }
        returnOrChangeAddenda = true;
        if (traceNumber != entry.traceNumber()) {
            problems.warning(line, RecordType.ADDENDA, "traceNumber", ProblemCode.ADDENDA, kind + " trace number "
                    + traceNumber + " differs from its entry's trace number " + entry.traceNumber());
        }
    }

    private void international(IatAddenda addenda, long entrySequence, long line) {
        int type = addenda.typeCode();
        boolean inOrder = type <= 16 ? type == lastIatType + 1 || lastIatType == 0 && type == 10
                : lastIatType >= 16 && type >= lastIatType;
        if (!inOrder) {
            error(line, RecordType.ADDENDA, "typeCode", ProblemCode.ADDENDA, "IAT addenda " + type
                    + " is out of order (expected 10 to 16, then 17, then 18)");
        }
        remittanceCount += type == 17 ? 1 : 0;
        correspondentCount += type == 18 ? 1 : 0;
        if (remittanceCount > IAT_REMITTANCE_ADDENDA_MAX || correspondentCount > IAT_CORRESPONDENT_ADDENDA_MAX) {
            error(line, RecordType.ADDENDA, "typeCode", ProblemCode.ADDENDA,
                    "IAT allows at most two addenda 17 and five addenda 18 per entry");
        }
        lastIatType = Math.max(lastIatType, type);
        if (addenda.entrySequenceNumber() != entrySequence) {
            error(line, RecordType.ADDENDA, "entryDetailSequenceNumber", ProblemCode.ADDENDA,
                    "entry detail sequence number " + addenda.entrySequenceNumber()
                            + " should be the last seven digits of the entry's trace number, " + entrySequence);
        }
    }

    /** Checks what can only be known once all the addenda of the current entry have been seen. */
    void closeEntry() {
        if (entry == null) {
            return;
        }
        if (entry.addendaIndicator() == '1' && addendaCount == 0) {
            error(entryLine, RecordType.ENTRY_DETAIL, "addendaRecordIndicator", ProblemCode.ADDENDA,
                    "addenda record indicator is 1 but no addenda follows");
        }
        if (entry instanceof IatEntry iat && !returnOrChangeAddenda) {
            if (lastIatType < 16) {
                error(entryLine, RecordType.ENTRY_DETAIL, "addendaRecords", ProblemCode.ADDENDA,
                        "IAT entry needs the " + IAT_MANDATORY_ADDENDA + " mandatory addenda 10 to 16");
            } else if (iat.addendaCount() != addendaCount) {
                report(profile == Profile.STRICT, entryLine, RecordType.ENTRY_DETAIL, "addendaRecords", ProblemCode.ADDENDA,
                        "entry declares " + iat.addendaCount() + " addenda but " + addendaCount + " follow");
            }
        }
        if (entry instanceof StandardEntry standard && header.secCode().equals("CTX")) {
            String declared = standard.name().length() >= 4 ? standard.name().substring(0, 4) : "";
            if (!declared.equals(String.format("%04d", addendaCount))) {
                error(entryLine, RecordType.ENTRY_DETAIL, "addendaRecords", ProblemCode.ADDENDA, "CTX entry declares '"
                        + declared + "' addenda but " + addendaCount + " follow");
            }
        }
        if (header.secCode().equals("COR") && !returnOrChangeAddenda) {
            error(entryLine, RecordType.ENTRY_DETAIL, "addendaRecordIndicator", ProblemCode.ADDENDA,
                    "a COR entry needs an addenda 98 (notification of change)");
        }
        entry = null;
    }

    void control(BatchControl control, long line) {
        closeEntry();
        compare(line, "serviceClassCode", ProblemCode.SERVICE_CLASS_MISMATCH, control.serviceClassCode(),
                header.serviceClassCode());
        compare(line, "entryAddendaCount", ProblemCode.COUNT_MISMATCH, control.entryAndAddendaCount(),
                entryAndAddendaCount);
        compare(line, "entryHash", ProblemCode.HASH_MISMATCH, control.entryHash(), entryHash % HASH_MODULUS);
        compare(line, "totalDebitEntryDollarAmount", ProblemCode.TOTAL_MISMATCH, control.totalDebitCents(),
                debitCents);
        compare(line, "totalCreditEntryDollarAmount", ProblemCode.TOTAL_MISMATCH, control.totalCreditCents(),
                creditCents);
        compare(line, "batchNumber", ProblemCode.INVALID_VALUE, control.batchNumber(), header.batchNumber());
        if (!control.originatingDfi().equals(header.originatingDfi())) {
            error(line, RecordType.BATCH_CONTROL, "originatingDFIIdentification", ProblemCode.INVALID_VALUE,
                    control.originatingDfi() + " differs from the batch header's " + header.originatingDfi());
        }
        if (header instanceof StandardBatchHeader standard
                && !control.companyIdentification().strip().equals(standard.companyIdentification().strip())) {
            error(line, RecordType.BATCH_CONTROL, "companyIdentification", ProblemCode.INVALID_VALUE,
                    "'" + control.companyIdentification() + "' differs from the batch header's '"
                            + standard.companyIdentification() + "'");
        }
    }

    private void compare(long line, String field, ProblemCode code, long found, long expected) {
        if (found != expected) {
            error(line, RecordType.BATCH_CONTROL, field, code, "is " + found + " but the batch has " + expected);
        }
    }

    private void report(boolean asError, long line, RecordType type, String field, ProblemCode code, String reason) {
        if (asError) {
            problems.error(line, type, field, code, reason);
        } else {
            problems.warning(line, type, field, code, reason);
        }
    }

    private void error(long line, RecordType type, String field, ProblemCode code, String reason) {
        problems.error(line, type, field, code, reason);
    }
}
