package io.payrail.function;

import io.payrail.platform.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts every function of a registry on its trigger: queue functions through the queue consumer,
 * rule functions through bus subscriptions, HTTP functions as gateway routes, schedules through the
 * scheduler. A declared function whose kind of trigger has no binder is a configuration error.
 *
 * <pre>{@code
 * HttpFunctions routes = new HttpFunctions();
 * Scheduler scheduler = new Scheduler(dataSource, clock, ids, invoker,
 *         registry.triggeredBy(Trigger.Schedule.class), Scheduler.Options.defaults(node), Sleeper.REAL);
 * FunctionRuntime runtime = FunctionRuntime.start(registry, invoker,
 *         new FunctionRuntime.Binders(Optional.of(new QueueFunctions(queues)), Optional.of(new RuleFunctions(bus)),
 *                 Optional.of(routes)), Optional.of(scheduler));
 * bus.start();
 * gateway = HttpGateway.builder().routes(routes.routes())...build().start(port);
 * }</pre>
 */
public final class FunctionRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionRuntime.class);

    /** One binder per kind of trigger; empty where that module is not part of this application. */
    public record Binders(
            Optional<TriggerBinder<Trigger.Queue>> queues,
            Optional<TriggerBinder<Trigger.Rule>> rules,
            Optional<TriggerBinder<Trigger.Http>> routes) {
        public static Binders none() {
            return new Binders(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    private final List<AutoCloseable> bindings;
    private final Optional<Scheduler> scheduler;

    private FunctionRuntime(List<AutoCloseable> bindings, Optional<Scheduler> scheduler) {
        this.bindings = bindings;
        this.scheduler = scheduler;
    }

    public static FunctionRuntime start(FunctionRegistry registry, FunctionInvoker invoker, Binders binders,
            Optional<Scheduler> scheduler) {
        Check.notNull(registry, "registry");
        Check.notNull(invoker, "invoker");
        List<AutoCloseable> bindings = new ArrayList<>();
        try {
            for (FunctionDeclaration function : registry.functions()) {
                switch (function.trigger()) {
                    case Trigger.Queue queue -> bindings.add(require(binders.queues(), function).bind(function, queue, invoker));
                    case Trigger.Rule rule -> bindings.add(require(binders.rules(), function).bind(function, rule, invoker));
                    case Trigger.Http http -> bindings.add(require(binders.routes(), function).bind(function, http, invoker));
                    case Trigger.Schedule ignored -> Check.argument(scheduler.isPresent(),
                            "function %s has a schedule trigger but no scheduler was given", function.name());
                }
            }
        } catch (RuntimeException failure) {
            bindings.forEach(FunctionRuntime::closeQuietly);
            throw failure;
        }
        scheduler.ifPresent(Scheduler::start);
        return new FunctionRuntime(bindings, scheduler);
    }

    private static <T extends Trigger> TriggerBinder<T> require(Optional<TriggerBinder<T>> binder, FunctionDeclaration function) {
        return binder.orElseThrow(() -> new IllegalArgumentException("function " + function.name() + " has a "
                + function.trigger().kind() + " trigger but no " + function.trigger().kind() + " binder was given"));
    }

    /** Stops the scheduler and every binding; deliveries in flight finish or are redelivered later. */
    @Override
    public void close() {
        scheduler.ifPresent(Scheduler::close);
        bindings.forEach(FunctionRuntime::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable binding) {
        try {
            binding.close();
        } catch (Exception failure) {
            LOG.warn("a trigger binding did not close cleanly: {}", failure.getMessage());
        }
    }
}
