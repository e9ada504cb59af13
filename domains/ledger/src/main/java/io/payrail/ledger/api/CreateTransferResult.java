package io.payrail.ledger.api;

/**
 * The exact outcome of one transfer in a batch, modelled on TigerBeetle's CreateTransferResult. The
 * code is stable (an HTTP layer or a client may store it); the wire name is the lowercase name.
 */
public enum CreateTransferResult {
    OK(0, false),
    LINKED_EVENT_FAILED(1, false),
    LINKED_EVENT_CHAIN_OPEN(2, false),
    ID_MUST_NOT_BE_ZERO(3, false),
    RESERVED_FLAG(4, false),
    ID_ALREADY_FAILED(5, false),
    FLAGS_ARE_MUTUALLY_EXCLUSIVE(6, false),
    DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO(7, false),
    CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO(8, false),
    ACCOUNTS_MUST_BE_DIFFERENT(9, false),
    PENDING_ID_MUST_BE_ZERO(10, false),
    PENDING_ID_MUST_NOT_BE_ZERO(11, false),
    PENDING_ID_MUST_BE_DIFFERENT(12, false),
    TIMEOUT_RESERVED_FOR_PENDING_TRANSFER(13, false),
    TIMEOUT_MUST_NOT_BE_NEGATIVE(14, false),
    AMOUNT_MUST_NOT_BE_ZERO(15, false),
    AMOUNT_MUST_NOT_BE_NEGATIVE(16, false),
    LEDGER_MUST_NOT_BE_ZERO(17, false),
    CODE_MUST_NOT_BE_ZERO(18, false),
    METADATA_TOO_LONG(19, false),
    DEBIT_ACCOUNT_NOT_FOUND(20, true),
    CREDIT_ACCOUNT_NOT_FOUND(21, true),
    /** The accounts are on different ledgers (so different currencies), or the transfer names another ledger. */
    LEDGER_MISMATCH(22, false),
    PENDING_TRANSFER_NOT_FOUND(23, true),
    PENDING_TRANSFER_NOT_PENDING(24, false),
    PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID(25, false),
    PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID(26, false),
    PENDING_TRANSFER_HAS_DIFFERENT_LEDGER(27, false),
    PENDING_TRANSFER_HAS_DIFFERENT_CODE(28, false),
    EXCEEDS_PENDING_TRANSFER_AMOUNT(29, false),
    PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT(30, false),
    PENDING_TRANSFER_ALREADY_POSTED(31, false),
    PENDING_TRANSFER_ALREADY_VOIDED(32, false),
    PENDING_TRANSFER_EXPIRED(33, true),
    EXISTS_WITH_DIFFERENT_FLAGS(34, false),
    EXISTS_WITH_DIFFERENT_PENDING_ID(35, false),
    EXISTS_WITH_DIFFERENT_TIMEOUT(36, false),
    EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID(37, false),
    EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID(38, false),
    EXISTS_WITH_DIFFERENT_AMOUNT(39, false),
    EXISTS_WITH_DIFFERENT_METADATA(40, false),
    EXISTS_WITH_DIFFERENT_LEDGER(41, false),
    EXISTS_WITH_DIFFERENT_CODE(42, false),
    EXISTS(43, false),
    OVERFLOWS_DEBITS_PENDING(44, true),
    OVERFLOWS_CREDITS_PENDING(45, true),
    OVERFLOWS_DEBITS_POSTED(46, true),
    OVERFLOWS_CREDITS_POSTED(47, true),
    OVERFLOWS_DEBITS(48, true),
    OVERFLOWS_CREDITS(49, true),
    OVERFLOWS_TIMEOUT(50, false),
    EXCEEDS_CREDITS(51, true),
    EXCEEDS_DEBITS(52, true),
    /** The transfer's ledger was never registered with a currency. */
    LEDGER_NOT_FOUND(53, false);

    private final int code;
    private final boolean transientFailure;

    CreateTransferResult(int code, boolean transientFailure) {
        this.code = code;
        this.transientFailure = transientFailure;
    }

    public int code() {
        return code;
    }

    /** The lowercase name an HTTP layer puts on the wire, e.g. {@code exceeds_credits}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * True for failures that depend on the ledger's state at the time (an account not found yet, a
     * balance limit): the id is then burnt and a retry with the same id answers
     * {@link #ID_ALREADY_FAILED}, so a transfer rejected once can never succeed later by surprise.
     */
    public boolean transientFailure() {
        return transientFailure;
    }

    public boolean isExists() {
        return this == EXISTS || name().startsWith("EXISTS_WITH_DIFFERENT_");
    }
}
