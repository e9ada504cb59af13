package io.payrail.ledger.api;

import java.util.UUID;

/**
 * A request to open an account. The id is chosen by the client and is the idempotency key: sending the
 * same account again answers {@code exists}. Accounts always start with zero balances.
 *
 * @param metadata free text (for example JSON) up to {@link #METADATA_LENGTH_MAX} characters, may be null
 * @param externalReference the caller's own reference (never personal data), may be null
 */
public record NewAccount(UUID id, String tenant, int ledger, int code, int flags, String metadata,
        String externalReference) {
    public static final int METADATA_LENGTH_MAX = 1_024;
    public static final int EXTERNAL_REFERENCE_LENGTH_MAX = 128;
    public static final int TENANT_LENGTH_MAX = 64;

    public static NewAccount of(UUID id, String tenant, int ledger, int code, int flags) {
        return new NewAccount(id, tenant, ledger, code, flags, null, null);
    }
}
