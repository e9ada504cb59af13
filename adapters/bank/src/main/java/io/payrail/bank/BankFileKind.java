package io.payrail.bank;

import java.util.Locale;

/** What a bank file carries. Inbound kinds are recognised by the name prefix the bank uses. */
public enum BankFileKind {
    ACH_FILE,
    ACKNOWLEDGMENT,
    RETURNS,
    NOTIFICATIONS_OF_CHANGE,
    SETTLEMENT_REPORT,
    OTHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BankFileKind fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** The kind of an inbound file, from the prefixes the simulated bank (and {@code docs/bank.md}) use. */
    public static BankFileKind ofInboundName(String fileName) {
        String upper = fileName.toUpperCase(Locale.ROOT);
        if (upper.startsWith("ACK_")) {
            return ACKNOWLEDGMENT;
        }
        if (upper.startsWith("RET_")) {
            return RETURNS;
        }
        if (upper.startsWith("NOC_")) {
            return NOTIFICATIONS_OF_CHANGE;
        }
        if (upper.startsWith("SETTLE_")) {
            return SETTLEMENT_REPORT;
        }
        return OTHER;
    }
}
