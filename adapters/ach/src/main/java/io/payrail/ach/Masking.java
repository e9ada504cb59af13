package io.payrail.ach;

/** Masks personal data for toString and printing: logs must never carry it in clear. */
public final class Masking {
    private static final int ACCOUNT_DIGITS_SHOWN = 4;

    private Masking() {
    }

    /** Keeps the last four characters: {@code ****6789}. */
    public static String account(String value) {
        String trimmed = value.strip();
        if (trimmed.length() <= ACCOUNT_DIGITS_SHOWN) {
            return "*".repeat(trimmed.length());
        }
        return "*".repeat(trimmed.length() - ACCOUNT_DIGITS_SHOWN)
                + trimmed.substring(trimmed.length() - ACCOUNT_DIGITS_SHOWN);
    }

    /** Keeps the first character of a name: {@code J*******}. */
    public static String name(String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        return trimmed.charAt(0) + "*".repeat(trimmed.length() - 1);
    }

    /** Free text may carry anything personal: only its length is shown. */
    public static String text(String value) {
        return value.isBlank() ? "" : "<" + value.strip().length() + " characters>";
    }
}
