package io.payrail.bank;

import java.util.Locale;

/**
 * The states of a bank file. Outbound: {@code PREPARED -> UPLOADING -> RENAME_REQUESTED -> SENT ->
 * ACKNOWLEDGED | REJECTED}, with {@code OUTCOME_UNKNOWN} when the connection died around the rename
 * and {@code NOT_SENT} when an operator decided such a file never reached the bank. Inbound:
 * {@code RECEIVING -> RECEIVED -> PROCESSED}, or {@code UNREADABLE} when it cannot be decrypted or verified.
 */
public enum BankFileState {
    PREPARED,
    UPLOADING,
    RENAME_REQUESTED,
    SENT,
    OUTCOME_UNKNOWN,
    NOT_SENT,
    ACKNOWLEDGED,
    REJECTED,
    RECEIVING,
    RECEIVED,
    PROCESSED,
    UNREADABLE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BankFileState fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** True when an upload in this state may be (re)started without asking anyone. */
    public boolean uploadMayStart() {
        return this == PREPARED || this == UPLOADING || this == NOT_SENT;
    }

    /** True when the bank has (or may have) the file under its final name. */
    public boolean reachedOrMayHaveReachedBank() {
        return this == RENAME_REQUESTED || this == SENT || this == OUTCOME_UNKNOWN
                || this == ACKNOWLEDGED || this == REJECTED;
    }
}
