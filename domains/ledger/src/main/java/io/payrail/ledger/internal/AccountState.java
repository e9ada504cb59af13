package io.payrail.ledger.internal;

import io.payrail.ledger.api.Account;
import io.payrail.ledger.api.Balances;
import java.time.Instant;
import java.util.UUID;

/** An account held by the ledger's writer: immutable identity plus balances the state machine mutates. */
public final class AccountState {
    final UUID id;
    final String tenant;
    final int ledger;
    final int code;
    final int flags;
    final String metadata;
    final String externalReference;
    final Instant createdAt;
    long debitsPending;
    long debitsPosted;
    long creditsPending;
    long creditsPosted;

    public AccountState(UUID id, String tenant, int ledger, int code, int flags, String metadata,
            String externalReference, Instant createdAt, Balances balances) {
        this.id = id;
        this.tenant = tenant;
        this.ledger = ledger;
        this.code = code;
        this.flags = flags;
        this.metadata = metadata;
        this.externalReference = externalReference;
        this.createdAt = createdAt;
        restore(balances);
    }

    public UUID id() {
        return id;
    }

    public int ledger() {
        return ledger;
    }

    public int flags() {
        return flags;
    }

    public Balances balances() {
        return new Balances(debitsPending, debitsPosted, creditsPending, creditsPosted);
    }

    void restore(Balances balances) {
        debitsPending = balances.debitsPending();
        debitsPosted = balances.debitsPosted();
        creditsPending = balances.creditsPending();
        creditsPosted = balances.creditsPosted();
    }

    public Account toAccount(String currency) {
        return new Account(id, tenant, ledger, currency, code, flags, balances(), metadata, externalReference,
                createdAt);
    }

    public String tenant() {
        return tenant;
    }

    public int code() {
        return code;
    }

    public String metadata() {
        return metadata;
    }

    public String externalReference() {
        return externalReference;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
