package io.payrail.ledger.api;

/** The outcome of registering a ledger with its currency. */
public enum RegisterLedgerResult {
    OK(0),
    EXISTS(1),
    EXISTS_WITH_DIFFERENT_CURRENCY(2),
    LEDGER_MUST_BE_POSITIVE(3),
    CURRENCY_NOT_ISO_4217(4);

    private final int code;

    RegisterLedgerResult(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
