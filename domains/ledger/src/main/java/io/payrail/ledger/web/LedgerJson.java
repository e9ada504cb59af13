package io.payrail.ledger.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.payrail.http.HttpResult;
import io.payrail.ledger.api.Account;
import io.payrail.ledger.api.AccountFlags;
import io.payrail.ledger.api.Balances;
import io.payrail.ledger.api.Entry;
import io.payrail.ledger.api.NewTransfer;
import io.payrail.ledger.api.Transfer;
import io.payrail.ledger.api.TransferFlags;
import io.payrail.ledger.api.TransferOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The JSON shapes of the ledger API, in snake case as Stripe's are. Amounts are integers in minor units. */
final class LedgerJson {
    private LedgerJson() {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NewAccountRequest(UUID id, String currency, int code, List<String> flags, String metadata, String externalReference) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BalancesView(long debitsPending, long debitsPosted, long creditsPending, long creditsPosted) {
        static BalancesView of(Balances balances) {
            return balances == null ? null : new BalancesView(balances.debitsPending(), balances.debitsPosted(),
                    balances.creditsPending(), balances.creditsPosted());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AccountView(String object, UUID id, String currency, int ledger, int code, List<String> flags,
            BalancesView balances, long available, String metadata, String externalReference, Instant createdAt) {
        static AccountView of(Account account) {
            return new AccountView("ledger_account", account.id(), account.currency(), account.ledger(), account.code(),
                    AccountFlags.names(account.flags()), BalancesView.of(account.balances()), account.available(),
                    account.metadata(), account.externalReference(), account.createdAt());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TransferRequest(UUID id, UUID debitAccountId, UUID creditAccountId, Long amount, String currency, Integer code,
            List<String> flags, UUID pendingId, Long timeoutSeconds, String metadata) {
        NewTransfer toNewTransfer(int ledger) {
            int flagBits = TransferFlags.fromNames(flags == null ? List.of() : flags);
            return new NewTransfer(id, debitAccountId, creditAccountId, amount == null ? 0 : amount, pendingId, ledger,
                    code == null ? 0 : code, flagBits, timeoutSeconds == null ? 0 : timeoutSeconds, metadata);
        }
    }

    /** Shape checks the JSON cannot express; the ledger decides everything else with its exact results. */
    static Optional<HttpResult> check(TransferRequest transfer, String param) {
        if (transfer == null) {
            return Optional.of(HttpResult.problem(400, "transfer_required", param + " must be an object", param));
        }
        if (transfer.id() == null) {
            return Optional.of(HttpResult.problem(400, "id_required", param + ".id is required (a UUID you choose)", param + ".id"));
        }
        try {
            TransferFlags.fromNames(transfer.flags() == null ? List.of() : transfer.flags());
        } catch (IllegalArgumentException unknown) {
            return Optional.of(HttpResult.problem(400, "unknown_flag", unknown.getMessage(), param + ".flags"));
        }
        boolean postOrVoid = transfer.pendingId() != null;
        if (!postOrVoid && transfer.currency() == null) {
            return Optional.of(HttpResult.problem(400, "currency_required", param + ".currency is required", param + ".currency"));
        }
        if (!postOrVoid && transfer.amount() == null) {
            return Optional.of(HttpResult.problem(400, "amount_required", param + ".amount is required (minor units)", param + ".amount"));
        }
        return Optional.empty();
    }

    record TransferBatchRequest(List<TransferRequest> transfers) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TransferResult(UUID id, String result, int resultCode, BalancesView debitAccountBalances,
            BalancesView creditAccountBalances) {
        static TransferResult of(TransferOutcome outcome) {
            return new TransferResult(outcome.id(), outcome.result().wireName(), outcome.result().code(),
                    BalancesView.of(outcome.debitAccountBalances()), BalancesView.of(outcome.creditAccountBalances()));
        }
    }

    record TransferBatchResponse(List<TransferResult> results) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TransferView(String object, UUID id, UUID debitAccountId, UUID creditAccountId, long amount, String currency,
            int ledger, int code, List<String> flags, UUID pendingId, long timeoutSeconds, String metadata, Instant createdAt) {
        static TransferView of(Transfer transfer, String currency) {
            return new TransferView("ledger_transfer", transfer.id(), transfer.debitAccountId(), transfer.creditAccountId(),
                    transfer.amount(), currency, transfer.ledger(), transfer.code(), TransferFlags.names(transfer.flags()),
                    transfer.pendingId(), transfer.timeoutSeconds(), transfer.metadata(), transfer.timestamp());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EntryView(String id, TransferView transfer, String side, BalancesView balancesAfter) {
        static EntryView of(Entry entry, String currency) {
            return new EntryView(Long.toString(entry.transfer().position()), TransferView.of(entry.transfer(), currency),
                    entry.side().name().toLowerCase(java.util.Locale.ROOT), BalancesView.of(entry.balancesAfter()));
        }
    }
}
