package io.payrail.app;

import io.payrail.bank.BankConnection;
import io.payrail.bank.BankConnections;
import io.payrail.bus.BusOptions;
import io.payrail.bus.EventBus;
import io.payrail.function.FunctionDeclaration;
import io.payrail.function.FunctionInvoker;
import io.payrail.function.FunctionRegistry;
import io.payrail.function.FunctionRuntime;
import io.payrail.function.QueueFunctions;
import io.payrail.function.RuleFunctions;
import io.payrail.function.Scheduler;
import io.payrail.function.Sleeper;
import io.payrail.function.Trigger;
import io.payrail.http.ApiKeys;
import io.payrail.http.HttpGateway;
import io.payrail.http.IdempotencyKeys;
import io.payrail.http.RateLimit;
import io.payrail.http.Route;
import io.payrail.platform.Database;
import io.payrail.platform.Metrics;
import io.payrail.platform.Migrations;
import io.payrail.platform.Transactions;
import io.payrail.queue.QueueAdmin;
import io.payrail.queue.Queues;
import io.payrail.store.PostgresEventStore;
import io.payrail.store.StoreOptions;
import io.payrail.store.Upcasters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running Payrail node: the database, the event store and bus, queues, the function runtime and
 * scheduler, the ledger, the HTTP gateway and the bank connection, started in dependency order and
 * closed in reverse. Everything that runs is declared in {@link NodeFunctions} or as a gateway route.
 */
final class Node implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Node.class);
    static final int POOL_SIZE = 48;
    /** Requests running their handler at once; more wait briefly, then get 503 (see docs/http.md). */
    static final int HTTP_CONCURRENCY = 32;
    static final Duration HTTP_CONCURRENCY_WAIT = Duration.ofSeconds(2);
    /** Per API key; a burst absorbs batch jobs. */
    static final RateLimit RATE_LIMIT = RateLimit.perSecond(2_000, 4_000);
    static final Duration SIMULATED_BANK_INTERVAL = Duration.ofSeconds(5);
    static final Duration BANK_CLOSE_WAIT = Duration.ofSeconds(30);

    private final Database database;
    private final List<AutoCloseable> parts;
    private final HttpGateway gateway;
    private final CompletableFuture<BankConnection> bank;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Node(Database database, List<AutoCloseable> parts, HttpGateway gateway, CompletableFuture<BankConnection> bank) {
        this.database = database;
        this.parts = parts;
        this.gateway = gateway;
        this.bank = bank;
    }

    static Node start(NodeSettings settings) {
        Thread.ofPlatform().name("start-warm-up").start(Node::warmUp);
        StartupPhases phases = new StartupPhases();
        Database database = LocalDatabase.openForRun(POOL_SIZE);
        phases.done("database");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Node node = startOn(database, settings, started, phases);
            LOG.info("node ready: {}", phases);
            return node;
        } catch (RuntimeException failure) {
            closeAll(started.reversed(), failure);
            database.close();
            throw failure;
        }
    }

    private static Node startOn(Database database, NodeSettings settings, List<AutoCloseable> started, StartupPhases phases) {
        Migrations.apply(database.dataSource(), LocalDatabase.migratedModules());
        phases.done("migrations");
        Transactions transactions = database.transactions();
        String node = nodeName();
        PostgresEventStore store = new PostgresEventStore(database.dataSource(), Platform.clock(), StoreOptions.defaults(),
                io.payrail.app.cli.EventSchemas.registry(), new Upcasters());
        phases.done("event store");
        EventBus bus = new EventBus(database.dataSource(), store, Platform.clock(), BusOptions.defaults());
        started.add(bus);
        Queues queues = new Queues(database.dataSource(), Platform.random());
        // The bank is not part of readiness: its SSH server (key exchanges are CPU-heavy) and SFTP
        // recovery start once the node is ready, so they do not slow the start on a small machine.
        CompletableFuture<BankConnection> bank = new CompletableFuture<>();
        AtomicBoolean bankStarting = new AtomicBoolean();
        started.add(() -> {
            if (bankStarting.get()) {
                closeBank(bank);
            }
        });
        LedgerModule ledger = LedgerModule.start(database, node);
        started.add(ledger);
        phases.done("ledger");
        IdempotencyKeys idempotencyKeys = new IdempotencyKeys(transactions, Platform.clock(), IdempotencyKeys.RETENTION_MIN);
        NodeFunctions.Services services = new NodeFunctions.Services(() -> idempotencyKeys, () -> new QueueAdmin(queues),
                () -> new BankJobs(bank.join().transfer(), store), ledger::service);
        List<FunctionDeclaration> background = NodeFunctions.background(services).stream()
                .filter(function -> settings.simulatedBank() || !function.name().startsWith("bank."))
                .toList();
        FunctionRegistry registry = NodeFunctions.catalog(background, List.of());
        FunctionInvoker invoker = new FunctionInvoker(database.dataSource(), Platform.clock(), Platform.random());
        Scheduler scheduler = new Scheduler(database.dataSource(), Platform.clock(), Platform.ids(), invoker,
                registry.triggeredBy(Trigger.Schedule.class), Scheduler.Options.defaults(node), Sleeper.REAL);
        FunctionRuntime functions = FunctionRuntime.start(registry, invoker, new FunctionRuntime.Binders(
                Optional.of(new QueueFunctions(queues)), Optional.of(new RuleFunctions(bus)), Optional.empty()),
                Optional.of(scheduler));
        started.add(functions);
        phases.done("functions");
        bus.start();
        phases.done("bus");
        AtomicBoolean migrated = new AtomicBoolean(true);
        HttpGateway gateway = gateway(database, ledger.routes(), () -> migrated.get() && bus.running() && reachable(database))
                .start(settings.httpPort());
        started.add(gateway);
        phases.done("gateway");
        if (settings.simulatedBank()) {
            bankStarting.set(true);
            Thread.ofVirtual().name("bank-start").start(() -> openBankInto(bank, transactions));
        } else {
            bank.complete(null);
        }
        return new Node(database, List.copyOf(started), gateway, bank);
    }

    /**
     * CPU work that needs no database runs while the pool connects and the migrations are checked:
     * loading the event schemas, and initializing the HTTP server's classes (its MIME table alone is a
     * noticeable part of a start). A failure here is reported by the call that needs the thing.
     */
    private static void warmUp() {
        try {
            io.payrail.app.cli.EventSchemas.registry();
            for (String serverClass : WARM_UP_CLASSES) {
                Class.forName(serverClass, true, Node.class.getClassLoader());
            }
        } catch (RuntimeException | ClassNotFoundException | LinkageError reportedLater) {
            LOG.debug("warming up failed: {}", reportedLater.getMessage());
        }
    }

    private static final List<String> WARM_UP_CLASSES = List.of("org.eclipse.jetty.http.MimeTypes",
            "org.eclipse.jetty.server.Server", "org.eclipse.jetty.server.ServerConnector");

    private static void openBankInto(CompletableFuture<BankConnection> bank, Transactions transactions) {
        try {
            bank.complete(openBank(transactions));
        } catch (RuntimeException failure) {
            bank.completeExceptionally(failure);
        }
    }

    private static BankConnection openBank(Transactions transactions) {
        BankConnection bank = BankConnections.open(System.getenv(), LocalDatabase.home().resolve(".payrail").resolve("bank"),
                transactions, Platform.clock(), Platform.ids(), Platform.random());
        try {
            bank.transfer().recover();
        } catch (RuntimeException failure) {
            LOG.warn("bank recovery failed; unresolved uploads stay as they are until the next start: {}", failure.getMessage());
        }
        bank.simulatedBank().ifPresent(simulated -> simulated.runInBackground(Platform.clock(), SIMULATED_BANK_INTERVAL));
        return bank;
    }

    private static void closeBank(CompletableFuture<BankConnection> bank) {
        try {
            BankConnection connection = bank.get(BANK_CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS);
            if (connection != null) {
                connection.close();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException failure) {
            LOG.warn("the bank connection did not start cleanly: {}", failure.getMessage());
        }
    }

    static HttpGateway gateway(Database database, List<Route> routes, java.util.function.BooleanSupplier ready) {
        ApiKeys apiKeys = new ApiKeys(database.transactions(), Platform.clock(), Platform.random(), Platform.ids(),
                ApiKeys.CACHE_TIME_TO_LIVE_DEFAULT);
        return HttpGateway.builder()
                .dataSource(database.dataSource())
                .apiKeys(apiKeys)
                .clock(Platform.clock())
                .traceIds(Platform.ids())
                .meterRegistry(Metrics.registry())
                .rateLimit(RATE_LIMIT, System::nanoTime)
                .concurrencyLimit(HTTP_CONCURRENCY, HTTP_CONCURRENCY_WAIT)
                .routes(routes)
                .readiness(ready)
                .info("Payrail API", "0.1.0")
                .build();
    }

    private static boolean reachable(Database database) {
        try (var connection = database.dataSource().getConnection()) {
            return connection.isValid(1);
        } catch (java.sql.SQLException unreachable) {
            return false;
        }
    }

    private static String nodeName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        return host + "-" + ProcessHandle.current().pid();
    }

    int httpPort() {
        return gateway.port();
    }

    List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("database: " + database.description() + " (synchronous_commit=" + database.setting("synchronous_commit") + ")");
        BankConnection connection = bank.getNow(null);
        lines.add("bank: " + (connection == null ? (bank.isDone() ? "none" : "starting") : (connection.simulatedBank().isPresent()
                ? "simulated bank at " : "") + connection.settings().address()));
        lines.add("probes: GET /health, GET /ready, GET /metrics; API: GET /openapi.json");
        lines.add("API keys: ./payrail apikeys create --tenant TENANT --role admin");
        return lines;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeAll(parts.reversed(), null);
        database.close();
    }

    private static void closeAll(List<AutoCloseable> parts, RuntimeException cause) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception failure) {
                if (cause != null) {
                    cause.addSuppressed(failure);
                }
            }
        }
    }
}
