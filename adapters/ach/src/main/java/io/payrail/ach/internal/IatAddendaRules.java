package io.payrail.ach.internal;

import io.payrail.ach.IatAddenda;
import io.payrail.ach.ProblemCode;

/** The mandatory sub-fields of the IAT addenda 10 to 18 (Nacha Operating Rules, IAT record formats). */
final class IatAddendaRules {
    private static final String[] TRANSACTION_TYPE_CODES = {"ANN", "BUS", "DEP", "LOA", "MIS", "MOR", "PEN", "RLS",
        "REM", "SAL", "TAX", "ARC", "BOC", "POP", "RCK"};

    private IatAddendaRules() {
    }

    static IatAddenda parse(LineFields fields, int typeCode) {
        switch (typeCode) {
            case 10 -> {
                fields.oneOf("transactionTypeCode", fields.raw(4, 3), TRANSACTION_TYPE_CODES);
                fields.number("foreignPaymentAmount", 7, 18);
                fields.required("name", 47, 35);
            }
            case 11 -> {
                fields.required("originatorName", 4, 35);
                fields.required("originatorStreetAddress", 39, 35);
            }
            case 12 -> {
                fields.required("originatorCityStateProvince", 4, 35);
                fields.required("originatorCountryPostalCode", 39, 35);
            }
            case 13, 14, 18 -> institution(fields, typeCode);
            case 15 -> fields.required("receiverStreetAddress", 19, 35);
            case 16 -> {
                fields.required("receiverCityStateProvince", 4, 35);
                fields.required("receiverCountryPostalCode", 39, 35);
            }
            case 17 -> fields.number("sequenceNumber", 84, 4);
            default -> throw new IllegalStateException("typeCode=" + typeCode + " is not an IAT addenda");
        }
        return EntryParser.iatAddenda(fields, typeCode);
    }

    private static void institution(LineFields fields, int typeCode) {
        String prefix = switch (typeCode) {
            case 13 -> "ODFI";
            case 14 -> "RDFI";
            default -> "foreignCorrespondentBank";
        };
        fields.required(prefix + "Name", 4, 35);
        fields.oneOf(prefix + "IDNumberQualifier", fields.raw(39, 2), "01", "02", "03");
        fields.required(prefix + "Identification", 41, 34);
        fields.required(prefix + "BranchCountryCode", 75, 3);
        if (typeCode == 18) {
            fields.number("sequenceNumber", 84, 4);
        }
    }
}
