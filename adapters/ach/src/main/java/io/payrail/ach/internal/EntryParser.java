package io.payrail.ach.internal;

import io.payrail.ach.Addenda;
import io.payrail.ach.Addenda02;
import io.payrail.ach.Addenda05;
import io.payrail.ach.Addenda98;
import io.payrail.ach.Addenda99;
import io.payrail.ach.ChangeCode;
import io.payrail.ach.IatAddenda;
import io.payrail.ach.IatEntry;
import io.payrail.ach.ProblemCode;
import io.payrail.ach.ReturnReason;
import io.payrail.ach.StandardEntry;
import io.payrail.ach.TransactionCodes;

/** Parses entry detail and addenda records, checking each field's format. */
public final class EntryParser {
    private EntryParser() {
    }

    public static StandardEntry standardEntry(LineFields fields) {
        int transactionCode = transactionCode(fields);
        String receivingDfi = fields.digits("rdfiIdentification", 4, 8);
        char checkDigit = fields.routingCheckDigit("checkDigit", receivingDfi, 12);
        String account = fields.required("dfiAccountNumber", 13, 17);
        long amount = fields.number("amount", 30, 10);
        char addendaIndicator = addendaIndicator(fields);
        return new StandardEntry(transactionCode, receivingDfi, checkDigit, account, amount, fields.text(40, 15),
                fields.text(55, 22), fields.text(77, 2), addendaIndicator, fields.number("traceNumber", 80, 15));
    }

    public static IatEntry iatEntry(LineFields fields) {
        int transactionCode = transactionCode(fields);
        String receivingDfi = fields.digits("gatewayOperatorRDFIIdentification", 4, 8);
        char checkDigit = fields.routingCheckDigit("checkDigit", receivingDfi, 12);
        int addendaCount = (int) fields.number("addendaRecords", 13, 4);
        long amount = fields.number("amount", 30, 10);
        String account = fields.required("dfiAccountNumber", 40, 35);
        char gateway = fields.character(77);
        char secondary = fields.character(78);
        fields.oneOf("ofacScreeningIndicator", String.valueOf(gateway), " ", "0", "1");
        fields.oneOf("secondaryOFACScreeningIndicator", String.valueOf(secondary), " ", "0", "1");
        char addendaIndicator = fields.character(79);
        if (addendaIndicator != '1') {
            fields.error("addendaRecordIndicator", ProblemCode.INVALID_VALUE, "must be 1 for IAT entries");
        }
        return new IatEntry(transactionCode, receivingDfi, checkDigit, addendaCount, amount, account, gateway,
                secondary, addendaIndicator, fields.number("traceNumber", 80, 15));
    }

    private static int transactionCode(LineFields fields) {
        int code = (int) fields.number("transactionCode", 2, 2);
        if (!TransactionCodes.isKnown(code)) {
            fields.error("transactionCode", ProblemCode.INVALID_VALUE, "unknown transaction code " + fields.raw(2, 2));
        }
        return code;
    }

    private static char addendaIndicator(LineFields fields) {
        return fields.characterOneOf("addendaRecordIndicator", 79, "01");
    }

    /** Null when the addenda type code is not one this library reads. */
    public static Addenda addenda(LineFields fields, boolean iat) {
        int typeCode = (int) fields.number("typeCode", 2, 2);
        if (iat && typeCode >= 10 && typeCode <= 18) {
            return IatAddendaRules.parse(fields, typeCode);
        }
        return switch (typeCode) {
            case 2 -> new Addenda02(fields.text(4, Addenda02.CONTENT_LENGTH), fields.number("traceNumber", 80, 15));
            case 5 -> new Addenda05(fields.text(4, 80), (int) fields.number("sequenceNumber", 84, 4),
                    fields.number("entryDetailSequenceNumber", 88, 7));
            case 98 -> addenda98(fields);
            case 99 -> addenda99(fields);
            default -> {
                fields.error("typeCode", ProblemCode.INVALID_VALUE, "addenda type code " + fields.raw(2, 2)
                        + " is not allowed here" + (iat ? " (IAT uses 10-18, 98, 99)" : " (allowed: 02, 05, 98, 99)"));
                yield null;
            }
        };
    }

    private static Addenda98 addenda98(LineFields fields) {
        String code = fields.raw(4, 3);
        if (ChangeCode.parse(code).isEmpty()) {
            fields.error("changeCode", ProblemCode.INVALID_VALUE, "'" + code + "' is not a change code C01-C13");
        }
        return new Addenda98(code, fields.number("originalTrace", 7, 15),
                fields.digits("originalDFI", 28, 8), fields.required("correctedData", 36, 29),
                fields.number("traceNumber", 80, 15));
    }

    private static Addenda99 addenda99(LineFields fields) {
        String code = fields.raw(4, 3);
        ReturnReason reason = ReturnReason.parse(code).orElse(null);
        if (reason == null) {
            fields.error("returnCode", ProblemCode.INVALID_VALUE, "'" + code + "' is not a return reason R01-R85");
        }
        long originalTrace = fields.number("originalTrace", 7, 15);
        long trace = fields.number("traceNumber", 80, 15);
        if (reason != null && reason.isDishonored()) {
            return new Addenda99.Dishonored(code, originalTrace, fields.digits("originalDFI", 28, 8),
                    fields.digits("returnTraceNumber", 39, 15), fields.text(54, 3),
                    fields.text(57, 2), fields.text(59, 21), trace);
        }
        if (reason != null && reason.isContested()) {
            return new Addenda99.Contested(code, originalTrace, fields.text(22, 6), fields.digits("originalDFI", 28, 8),
                    fields.text(36, 3), fields.digits("returnTraceNumber", 39, 15), fields.text(54, 3),
                    fields.text(57, 2), fields.digits("dishonoredReturnTraceNumber", 59, 15), fields.text(74, 3),
                    fields.text(77, 2), trace);
        }
        String dateOfDeath = fields.date("dateOfDeath", 22, true);
        return new Addenda99.Return(code, originalTrace, dateOfDeath, fields.digits("originalDFI", 28, 8),
                fields.text(36, 44), trace);
    }

    /** IAT addenda entries carry their content as text; the mandatory sub-fields are checked by the rules. */
    static IatAddenda iatAddenda(LineFields fields, int typeCode) {
        return new IatAddenda(typeCode, fields.text(4, IatAddenda.CONTENT_LENGTH),
                fields.number("entryDetailSequenceNumber", 88, 7));
    }
}
