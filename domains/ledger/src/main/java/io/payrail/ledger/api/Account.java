package io.payrail.ledger.api;

import java.time.Instant;
import java.util.UUID;

/** An account as committed, with its balances. */
public record Account(UUID id, String tenant, int ledger, String currency, int code, int flags, Balances balances,
        String metadata, String externalReference, Instant createdAt) {

    public long available() {
        return balances.available(flags);
    }
}
