package io.payrail.bank;

/** Which way a bank file travelled. */
public enum FileDirection {
    OUTBOUND,
    INBOUND;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static FileDirection fromCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
