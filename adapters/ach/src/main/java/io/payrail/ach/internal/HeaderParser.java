package io.payrail.ach.internal;

import io.payrail.ach.BatchControl;
import io.payrail.ach.BatchHeader;
import io.payrail.ach.FileControl;
import io.payrail.ach.FileHeader;
import io.payrail.ach.IatBatchHeader;
import io.payrail.ach.ProblemCode;
import io.payrail.ach.Profile;
import io.payrail.ach.RoutingNumbers;
import io.payrail.ach.StandardBatchHeader;
import io.payrail.ach.TransactionCodes;
import java.util.Set;

/** Parses file and batch headers and controls, checking each field's format. */
public final class HeaderParser {
    /** SEC codes whose entries use the standard layout. ADV (and its own layout) is not supported. */
    public static final Set<String> STANDARD_SEC_CODES = Set.of("ACK", "ARC", "ATX", "BOC", "CCD", "CIE", "COR",
            "CTX", "DNE", "ENR", "MTE", "POP", "POS", "PPD", "RCK", "SHR", "TEL", "TRC", "TRX", "WEB", "XCK");

    private HeaderParser() {
    }

    public static FileHeader fileHeader(LineFields fields) {
        String priority = fields.text(2, 2);
        fields.oneOf("priorityCode", priority, "01");
        String destination = fields.raw(4, 10);
        routingField(fields, "immediateDestination", destination);
        String origin = fields.raw(14, 10);
        if (!origin.strip().chars().allMatch(Character::isDigit) || origin.isBlank()) {
            fields.error("immediateOrigin", ProblemCode.NOT_NUMERIC, "must be a routing number or ten digits");
        }
        String creationDate = fields.date("fileCreationDate", 24, false);
        String creationTime = fields.text(30, 4);
        if (!creationTime.isEmpty()) {
            long time = fields.number("fileCreationTime", 30, 4);
            if (time / 100 > 23 || time % 100 > 59) {
                fields.error("fileCreationTime", ProblemCode.INVALID_VALUE, "must be HHMM, found " + creationTime);
            }
        }
        char modifier = fields.character(34);
        if (!(modifier >= 'A' && modifier <= 'Z' || modifier >= '0' && modifier <= '9')) {
            fields.error("fileIdModifier", ProblemCode.INVALID_VALUE, "must be A-Z or 0-9, found '" + modifier + "'");
        }
        fields.oneOf("recordSize", fields.raw(35, 3), "094");
        fields.oneOf("blockingFactor", fields.raw(38, 2), "10");
        fields.oneOf("formatCode", fields.raw(40, 1), "1");
        return new FileHeader(priority, destination.stripTrailing(), origin.stripTrailing(), creationDate,
                creationTime, modifier, fields.text(41, 23), fields.text(64, 23), fields.text(87, 8));
    }

    private static void routingField(LineFields fields, String name, String value) {
        String routing = value.strip();
        if (routing.length() == 10 && RoutingNumbers.isValid(routing.substring(1))) {
            return;
        }
        if (!routing.chars().allMatch(Character::isDigit) || routing.length() < 9) {
            fields.error(name, ProblemCode.NOT_NUMERIC, "must be a blank and a 9-digit routing number, found '"
                    + value + "'");
        } else if (!RoutingNumbers.isValid(routing.substring(routing.length() - 9))) {
            fields.error(name, ProblemCode.CHECK_DIGIT, "routing number " + routing + " has a wrong check digit");
        }
    }

    public static FileControl fileControl(LineFields fields) {
        return new FileControl(fields.number("batchCount", 2, 6), fields.number("blockCount", 8, 6),
                fields.number("entryAddendaCount", 14, 8), fields.number("entryHash", 22, 10),
                fields.number("totalDebitEntryDollarAmount", 32, 12),
                fields.number("totalCreditEntryDollarAmount", 44, 12));
    }

    /** Null when the batch cannot be read at all (unsupported SEC code or service class). */
    public static BatchHeader batchHeader(LineFields fields) {
        int serviceClass = (int) fields.number("serviceClassCode", 2, 3);
        String secCode = fields.raw(51, 3);
        if (secCode.equals("ADV") || serviceClass == TransactionCodes.SERVICE_CLASS_AUTOMATED_ACCOUNTING_ADVICES) {
            fields.error("standardEntryClassCode", ProblemCode.UNSUPPORTED,
                    "ADV (automated accounting advices, service class 280) is not supported");
            return null;
        }
        if (!TransactionCodes.isServiceClass(serviceClass)) {
            fields.error("serviceClassCode", ProblemCode.INVALID_VALUE, "must be 200, 220 or 225, found "
                    + fields.raw(2, 3));
        }
        if (secCode.equals("IAT") || secCode.equals("COR") && fields.raw(5, 6).equals("IATCOR")) {
            return iatBatchHeader(fields, serviceClass);
        }
        if (!STANDARD_SEC_CODES.contains(secCode)) {
            fields.error("standardEntryClassCode", ProblemCode.INVALID_VALUE, "unknown SEC code '" + secCode + "'");
        }
        String companyName = fields.required("companyName", 5, 16);
        String discretionary = fields.text(21, 20);
        String companyIdentification = fields.required("companyIdentification", 41, 10);
        String description = fields.required("companyEntryDescription", 54, 10);
        String descriptiveDate = fields.text(64, 6);
        String effectiveDate = effectiveDate(fields, secCode);
        return new StandardBatchHeader(serviceClass, companyName, discretionary, companyIdentification, secCode,
                description, descriptiveDate, effectiveDate, settlementDate(fields), originatorStatus(fields),
                fields.digits("originatingDFIIdentification", 80, 8), fields.number("batchNumber", 88, 7));
    }

    private static IatBatchHeader iatBatchHeader(LineFields fields, int serviceClass) {
        String indicator = fields.text(5, 16);
        String exchangeIndicator = fields.raw(21, 2);
        fields.oneOf("foreignExchangeIndicator", exchangeIndicator, "FV", "VF", "FF");
        char referenceIndicator = fields.character(23);
        fields.oneOf("foreignExchangeReferenceIndicator", String.valueOf(referenceIndicator), "1", "2", "3");
        String reference = fields.text(24, 15);
        String country = fields.required("isoDestinationCountryCode", 39, 2);
        String originator = fields.required("originatorIdentification", 41, 10);
        String description = fields.required("companyEntryDescription", 54, 10);
        String originatingCurrency = fields.required("isoOriginatingCurrencyCode", 64, 3);
        String destinationCurrency = fields.required("isoDestinationCurrencyCode", 67, 3);
        String secCode = fields.raw(51, 3);
        String effectiveDate = effectiveDate(fields, secCode);
        return new IatBatchHeader(serviceClass, indicator, exchangeIndicator, referenceIndicator, reference, country,
                originator, secCode, description, originatingCurrency, destinationCurrency, effectiveDate,
                settlementDate(fields), originatorStatus(fields), fields.digits("originatingDFIIdentification", 80, 8),
                fields.number("batchNumber", 88, 7));
    }

    /**
     * Notifications of change carry no effective date. Returns generated by some banks leave it blank or zero:
     * the lenient profile accepts that with a warning.
     */
    private static String effectiveDate(LineFields fields, String secCode) {
        String value = fields.raw(70, 6);
        boolean empty = value.isBlank() || value.equals("000000");
        if (empty && !secCode.equals("COR") && fields.profile() == Profile.LENIENT) {
            fields.warning("effectiveEntryDate", ProblemCode.INVALID_DATE, "is blank or zero");
            return value.stripTrailing();
        }
        return fields.date("effectiveEntryDate", 70, secCode.equals("COR"));
    }

    private static String settlementDate(LineFields fields) {
        String settlement = fields.text(76, 3);
        if (!settlement.isEmpty()) {
            long julianDay = fields.number("settlementDate", 76, 3);
            if (julianDay > 366) {
                fields.error("settlementDate", ProblemCode.INVALID_VALUE, "must be a Julian day 001-366 or blank");
            }
        }
        return settlement;
    }

    private static char originatorStatus(LineFields fields) {
        char status = fields.character(79);
        fields.oneOf("originatorStatusCode", String.valueOf(status), "0", "1", "2");
        return status;
    }

    public static BatchControl batchControl(LineFields fields) {
        return new BatchControl((int) fields.number("serviceClassCode", 2, 3),
                fields.number("entryAddendaCount", 5, 6), fields.number("entryHash", 11, 10),
                fields.number("totalDebitEntryDollarAmount", 21, 12),
                fields.number("totalCreditEntryDollarAmount", 33, 12), fields.text(45, 10), fields.text(55, 19),
                fields.digits("originatingDFIIdentification", 80, 8), fields.number("batchNumber", 88, 7));
    }
}
