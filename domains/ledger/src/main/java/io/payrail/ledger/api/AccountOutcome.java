package io.payrail.ledger.api;

import java.util.UUID;

/** One account creation's result, in the order of the request. */
public record AccountOutcome(UUID id, CreateAccountResult result) {}
