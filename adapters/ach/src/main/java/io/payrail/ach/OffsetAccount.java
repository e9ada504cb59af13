package io.payrail.ach;

import java.util.Objects;

/**
 * The originator's settlement account, for balanced files: the writer adds one entry per batch that offsets its
 * debits and credits, so that the batch nets to zero.
 */
public record OffsetAccount(String routingNumber, String accountNumber, boolean savings, String name) {
    public OffsetAccount {
        Objects.requireNonNull(accountNumber, "accountNumber");
        Objects.requireNonNull(name, "name");
        if (!RoutingNumbers.isValid(routingNumber)) {
            throw new IllegalArgumentException("routingNumber '" + routingNumber + "' is not a valid routing number");
        }
    }

    @Override
    public String toString() {
        return "OffsetAccount[routingNumber=" + routingNumber + ", accountNumber=" + Masking.account(accountNumber)
                + ", savings=" + savings + ", name=" + Masking.name(name) + "]";
    }
}
