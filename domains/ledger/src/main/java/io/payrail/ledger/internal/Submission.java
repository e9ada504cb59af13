package io.payrail.ledger.internal;

import io.payrail.ledger.api.AccountOutcome;
import io.payrail.ledger.api.NewAccount;
import io.payrail.ledger.api.NewTransfer;
import io.payrail.ledger.api.TransferOutcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One caller's call waiting for the writer, with the future completed once its batch is durable. */
sealed interface Submission {
    int size();

    void fail(Throwable failure);

    /** Transfers for one tenant's caller ({@code tenant} null: a trusted caller, any account). */
    record Transfers(String tenant, List<NewTransfer> requests, CompletableFuture<List<TransferOutcome>> future)
            implements Submission {
        @Override
        public int size() {
            return requests.size();
        }

        @Override
        public void fail(Throwable failure) {
            future.completeExceptionally(failure);
        }
    }

    record Accounts(List<NewAccount> requests, CompletableFuture<List<AccountOutcome>> future) implements Submission {
        @Override
        public int size() {
            return requests.size();
        }

        @Override
        public void fail(Throwable failure) {
            future.completeExceptionally(failure);
        }
    }
}
