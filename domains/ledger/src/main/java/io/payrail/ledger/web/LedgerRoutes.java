package io.payrail.ledger.web;

import io.payrail.http.HttpResult;
import io.payrail.http.Page;
import io.payrail.http.PageRequest;
import io.payrail.http.RequestContext;
import io.payrail.http.Role;
import io.payrail.http.Route;
import io.payrail.ledger.api.Account;
import io.payrail.ledger.api.AccountFlags;
import io.payrail.ledger.api.AccountOutcome;
import io.payrail.ledger.api.CreateAccountResult;
import io.payrail.ledger.api.Entry;
import io.payrail.ledger.api.EntryPage;
import io.payrail.ledger.api.LedgerService;
import io.payrail.ledger.api.LedgerUnavailableException;
import io.payrail.ledger.api.NewAccount;
import io.payrail.ledger.api.NewTransfer;
import io.payrail.ledger.api.RegisterLedgerResult;
import io.payrail.ledger.api.Transfer;
import io.payrail.ledger.api.TransferFlags;
import io.payrail.ledger.api.TransferOutcome;
import io.payrail.platform.Check;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The ledger's HTTP API: a thin mapping from JSON to {@link LedgerService}. A ledger is named by its
 * ISO 4217 currency (its number is the currency's numeric code), accounts and transfers are scoped
 * to the API key's tenant, and every result is the ledger's exact code in snake case.
 */
public final class LedgerRoutes {
    /** The body limit of a transfer batch: about 4,000 transfers of typical size. */
    public static final int TRANSFER_BATCH_BYTES_MAX = 2 * 1024 * 1024;
    /** Transfers per HTTP call: the in-process batch limit. */
    public static final int TRANSFERS_PER_REQUEST_MAX = 8_190;

    private final Supplier<LedgerService> service;

    /** Routes over the service; the supplier is asked on each request, so routes can be declared before it runs. */
    public LedgerRoutes(Supplier<LedgerService> service) {
        this.service = Check.notNull(service, "service");
    }

    public LedgerRoutes(LedgerService ledger) {
        this(constant(Check.notNull(ledger, "ledger")));
    }

    private static Supplier<LedgerService> constant(LedgerService ledger) {
        return () -> ledger;
    }

    public List<Route> routes() {
        return List.of(
                Route.post("/v1/ledger/accounts", this::createAccount).requestBody(LedgerJson.NewAccountRequest.class)
                        .response(201, LedgerJson.AccountView.class).summary("Create an account"),
                Route.get("/v1/ledger/accounts/{id}", this::getAccount).response(200, LedgerJson.AccountView.class)
                        .summary("An account with its balances"),
                Route.get("/v1/ledger/accounts/{id}/entries", this::listEntries).paginated(LedgerJson.EntryView.class)
                        .summary("An account's entries, newest last"),
                Route.post("/v1/ledger/transfers", this::createTransfers).requestBody(LedgerJson.TransferBatchRequest.class)
                        .response(200, LedgerJson.TransferBatchResponse.class).maxPayloadBytes(TRANSFER_BATCH_BYTES_MAX)
                        .summary("Create a batch of transfers; one exact result each"),
                Route.get("/v1/ledger/transfers/{id}", this::getTransfer).response(200, LedgerJson.TransferView.class)
                        .summary("A transfer by id"));
    }

    private HttpResult createAccount(RequestContext context) {
        LedgerJson.NewAccountRequest request = context.body(LedgerJson.NewAccountRequest.class);
        Optional<Integer> ledgerNumber = ledgerOf(request.currency());
        if (ledgerNumber.isEmpty()) {
            return HttpResult.problem(400, "currency_not_iso_4217", "currency must be an ISO 4217 code like USD", "currency");
        }
        RegisterLedgerResult registered = service.get().registerLedger(ledgerNumber.get(), request.currency());
        if (registered != RegisterLedgerResult.OK && registered != RegisterLedgerResult.EXISTS) {
            return HttpResult.problem(400, registered.wireName(), "the currency's ledger cannot be used: " + registered.wireName(), "currency");
        }
        int flags;
        try {
            flags = AccountFlags.fromNames(request.flags() == null ? List.of() : request.flags());
        } catch (IllegalArgumentException unknown) {
            return HttpResult.problem(400, "unknown_flag", unknown.getMessage(), "flags");
        }
        NewAccount account = new NewAccount(request.id(), context.tenantId(), ledgerNumber.get(), request.code(), flags,
                request.metadata(), request.externalReference());
        AccountOutcome outcome;
        try {
            outcome = await(service.get().createAccounts(List.of(account))).getFirst();
        } catch (LedgerUnavailableException unavailable) {
            return unavailable(unavailable);
        }
        return switch (outcome.result()) {
            case OK -> HttpResult.created(LedgerJson.AccountView.of(service.get().account(request.id()).orElseThrow()),
                    "/v1/ledger/accounts/" + request.id());
            case EXISTS -> HttpResult.ok(LedgerJson.AccountView.of(service.get().account(request.id()).orElseThrow()));
            case EXISTS_WITH_DIFFERENT_TENANT -> HttpResult.problem(409, "account_id_taken",
                    "an account with this id exists for another tenant", "id");
            default -> HttpResult.problem(outcome.result().name().startsWith("EXISTS") ? 409 : 400,
                    outcome.result().wireName(), "the account was not created: " + outcome.result().wireName(),
                    paramOf(outcome.result()));
        };
    }

    private HttpResult getAccount(RequestContext context) {
        return ownedAccount(context, context.pathParameter("id"))
                .map(account -> HttpResult.ok(LedgerJson.AccountView.of(account)))
                .orElseGet(() -> notFound("account", context.pathParameter("id")));
    }

    private HttpResult listEntries(RequestContext context) {
        Optional<Account> account = ownedAccount(context, context.pathParameter("id"));
        if (account.isEmpty()) {
            return notFound("account", context.pathParameter("id"));
        }
        PageRequest page = context.pageRequest();
        long cursor = 0;
        if (page.startingAfter() != null) {
            try {
                cursor = Long.parseLong(page.startingAfter());
            } catch (NumberFormatException notCursor) {
                return HttpResult.problem(400, "cursor_invalid", "starting_after must be an entry's cursor", "starting_after");
            }
        }
        EntryPage entries = service.get().entries(account.get().id(), cursor, page.limit());
        List<LedgerJson.EntryView> views = new ArrayList<>();
        for (Entry entry : entries.entries()) {
            views.add(LedgerJson.EntryView.of(entry, account.get().currency()));
        }
        return HttpResult.ok(new Page<>(views, entries.more()));
    }

    private HttpResult getTransfer(RequestContext context) {
        Optional<UUID> id = uuid(context.pathParameter("id"));
        Optional<Transfer> transfer = id.flatMap(service.get()::transfer).filter(found -> ownedBy(context, found));
        return transfer.map(found -> HttpResult.ok(LedgerJson.TransferView.of(found, currencyOfAccount(found.debitAccountId()))))
                .orElseGet(() -> notFound("transfer", context.pathParameter("id")));
    }

    private HttpResult createTransfers(RequestContext context) {
        LedgerJson.TransferBatchRequest request = context.body(LedgerJson.TransferBatchRequest.class);
        if (request.transfers() == null || request.transfers().isEmpty()) {
            return HttpResult.problem(400, "transfers_required", "transfers must hold at least one transfer", "transfers");
        }
        if (request.transfers().size() > TRANSFERS_PER_REQUEST_MAX) {
            return HttpResult.problem(400, "too_many_transfers",
                    "at most " + TRANSFERS_PER_REQUEST_MAX + " transfers per request, got " + request.transfers().size(), "transfers");
        }
        long currencies = request.transfers().stream().filter(java.util.Objects::nonNull)
                .map(LedgerJson.TransferRequest::currency).filter(java.util.Objects::nonNull).distinct().count();
        if (currencies > 1) {
            return HttpResult.problem(400, "mixed_currencies",
                    "a batch moves one currency; send transfers of other currencies in their own request", "transfers");
        }
        List<NewTransfer> transfers = new ArrayList<>();
        // Batches through a clearing account name it in every transfer: look each account up once.
        Map<UUID, Boolean> ownership = new HashMap<>();
        for (int index = 0; index < request.transfers().size(); index++) {
            LedgerJson.TransferRequest transfer = request.transfers().get(index);
            String param = "transfers[" + index + "]";
            Optional<HttpResult> problem = LedgerJson.check(transfer, param);
            if (problem.isPresent()) {
                return problem.get();
            }
            Optional<Integer> ledgerNumber = transfer.currency() == null ? Optional.of(0) : ledgerOf(transfer.currency());
            if (ledgerNumber.isEmpty()) {
                return HttpResult.problem(400, "currency_not_iso_4217", "currency must be an ISO 4217 code", param + ".currency");
            }
            // The writer refuses another tenant's accounts itself (createTransfers(tenant, ...)), even one
            // created meanwhile; this read of committed state only turns the common case into a 404 for
            // the whole request before anything is written.
            if (!accountsOwned(context, transfer, ownership)) {
                return HttpResult.problem(404, "resource_missing", "an account or pending transfer of " + param
                        + " does not exist for this tenant", param);
            }
            transfers.add(transfer.toNewTransfer(ledgerNumber.get()));
        }
        List<TransferOutcome> outcomes;
        try {
            outcomes = await(service.get().createTransfers(context.tenantId(), transfers));
        } catch (LedgerUnavailableException unavailable) {
            return unavailable(unavailable);
        }
        List<LedgerJson.TransferResult> results = new ArrayList<>();
        for (TransferOutcome outcome : outcomes) {
            results.add(LedgerJson.TransferResult.of(outcome));
        }
        return HttpResult.ok(new LedgerJson.TransferBatchResponse(results));
    }

    private boolean accountsOwned(RequestContext context, LedgerJson.TransferRequest transfer, Map<UUID, Boolean> ownership) {
        if (transfer.pendingId() != null && transfer.debitAccountId() == null && transfer.creditAccountId() == null) {
            Optional<Transfer> pending = service.get().transfer(transfer.pendingId());
            return pending.isEmpty() || ownedBy(context, pending.get());
        }
        return ownedOrMissing(context, transfer.debitAccountId(), ownership)
                && ownedOrMissing(context, transfer.creditAccountId(), ownership);
    }

    /** A missing account is the ledger's to report (debit_account_not_found); another tenant's is not found here. */
    private boolean ownedOrMissing(RequestContext context, UUID accountId, Map<UUID, Boolean> ownership) {
        if (accountId == null) {
            return true;
        }
        return ownership.computeIfAbsent(accountId, id -> service.get().account(id)
                .map(account -> account.tenant().equals(context.tenantId())).orElse(true));
    }

    private boolean ownedBy(RequestContext context, Transfer transfer) {
        return service.get().account(transfer.debitAccountId()).map(account -> account.tenant().equals(context.tenantId())).orElse(false);
    }

    private Optional<Account> ownedAccount(RequestContext context, String idText) {
        return uuid(idText).flatMap(service.get()::account).filter(account -> account.tenant().equals(context.tenantId()));
    }

    static Optional<Integer> ledgerOf(String currency) {
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            return Optional.empty();
        }
        try {
            int number = Currency.getInstance(currency).getNumericCode();
            return number > 0 ? Optional.of(number) : Optional.empty();
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** The currency the ledger was registered with, as its accounts carry it (never guessed from the number). */
    private String currencyOfAccount(UUID accountId) {
        return service.get().account(accountId).map(Account::currency).orElse(null);
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notUuid) {
            return Optional.empty();
        }
    }

    /** Another node owns the ledger, or this node just lost it: a retry shortly after is safe (ids decide effects). */
    private static HttpResult unavailable(LedgerUnavailableException unavailable) {
        return HttpResult.problem(503, "ledger_unavailable", unavailable.getMessage()).withHeader("Retry-After", "1");
    }

    private static HttpResult notFound(String what, String id) {
        return HttpResult.problem(404, "resource_missing", "no " + what + " " + id, "id");
    }

    private static String paramOf(CreateAccountResult result) {
        String name = result.wireName();
        if (name.contains("flag")) {
            return "flags";
        }
        if (name.contains("metadata")) {
            return "metadata";
        }
        if (name.contains("external_reference")) {
            return "external_reference";
        }
        if (name.contains("code")) {
            return "code";
        }
        return name.startsWith("id") ? "id" : null;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ledger writer", interrupted);
        } catch (ExecutionException failure) {
            if (failure.getCause() instanceof LedgerUnavailableException unavailable) {
                throw unavailable;
            }
            throw new IllegalStateException("the ledger writer failed: " + failure.getCause().getMessage(), failure.getCause());
        }
    }

    static boolean has(int flags, int flag) {
        return TransferFlags.has(flags, flag);
    }

    static Role writer() {
        return Role.WRITER;
    }
}
