package io.payrail.ledger.api;

/** The exact outcome of creating one account. Codes are stable. */
public enum CreateAccountResult {
    OK(0),
    ID_MUST_NOT_BE_ZERO(1),
    RESERVED_FLAG(2),
    FLAGS_ARE_MUTUALLY_EXCLUSIVE(3),
    TENANT_MUST_NOT_BE_BLANK(4),
    LEDGER_MUST_NOT_BE_ZERO(5),
    LEDGER_NOT_FOUND(6),
    CODE_MUST_NOT_BE_ZERO(7),
    METADATA_TOO_LONG(8),
    EXTERNAL_REFERENCE_TOO_LONG(9),
    EXISTS_WITH_DIFFERENT_FLAGS(10),
    EXISTS_WITH_DIFFERENT_TENANT(11),
    EXISTS_WITH_DIFFERENT_LEDGER(12),
    EXISTS_WITH_DIFFERENT_CODE(13),
    EXISTS_WITH_DIFFERENT_METADATA(14),
    EXISTS_WITH_DIFFERENT_EXTERNAL_REFERENCE(15),
    EXISTS(16),
    TENANT_TOO_LONG(17);

    private final int code;

    CreateAccountResult(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
