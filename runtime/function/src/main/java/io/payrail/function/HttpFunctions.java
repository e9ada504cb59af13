package io.payrail.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payrail.http.HttpMethod;
import io.payrail.http.HttpResult;
import io.payrail.http.ProblemCodes;
import io.payrail.http.RequestContext;
import io.payrail.http.Route;
import io.payrail.platform.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns HTTP-triggered functions into gateway routes. Binding collects the routes; the application
 * hands {@link #routes()} to the gateway builder (the gateway's route list is fixed when it starts).
 *
 * <p>The function runs in its own transaction under its limits, not in the gateway's request
 * transaction: its timeout must be able to roll back its work alone. The function's idempotency key
 * is the request's {@code Idempotency-Key} header when sent. Outcomes map to answers: success 200
 * with the function's JSON output (204 when empty), payload too large 413, throttled 429, timed
 * out 504, failed 500.
 */
public final class HttpFunctions implements TriggerBinder<Trigger.Http> {
    private final List<Route> routes = new ArrayList<>();

    @Override
    public synchronized AutoCloseable bind(FunctionDeclaration function, Trigger.Http trigger, FunctionInvoker invoker) {
        Route route = Route.of(HttpMethod.valueOf(trigger.method()), trigger.path(), context -> run(function, invoker, context))
                .maxPayloadBytes(function.limits().maxPayloadBytes())
                .summary(function.description().isEmpty() ? function.name() : function.description());
        routes.add(route);
        return () -> { };
    }

    /** The routes bound so far, for {@code HttpGateway.builder().routes(...)}. */
    public synchronized List<Route> routes() {
        return List.copyOf(routes);
    }

    static HttpResult run(FunctionDeclaration function, FunctionInvoker invoker, RequestContext context) {
        String requestKey = "request:" + context.traceId();
        String tenant = context.principal().isPresent() ? context.tenantId() : null;
        // Keys are the client's and scoped to its tenant, as the gateway scopes them: two tenants may pick the same key.
        String idempotencyKey = context.header("Idempotency-Key")
                .map(key -> tenant == null ? "idempotency:" + key : "idempotency:" + tenant + ":" + key).orElse(requestKey);
        Trace trace = new Trace(context.traceId(), context.header("X-Correlation-Id").orElse(context.traceId()), requestKey, tenant);
        InvocationResult result = invoker.invoke(function, new InvocationRequest(payload(context), idempotencyKey, trace, CommitGuard.NONE));
        return switch (result) {
            case InvocationResult.Succeeded succeeded -> succeeded.output().length == 0
                    ? HttpResult.noContent()
                    : HttpResult.raw(200, HttpResult.JSON, succeeded.output());
            case InvocationResult.Rejected rejected -> HttpResult.problem(413, ProblemCodes.PAYLOAD_TOO_LARGE, rejected.message());
            case InvocationResult.Throttled throttled -> HttpResult.problem(429, ProblemCodes.RATE_LIMITED,
                    "function " + throttled.functionName() + " is at its reserved concurrency of " + throttled.reservedConcurrency());
            case InvocationResult.Failed failed when failed.reason() == InvocationResult.FailureReason.TIMED_OUT ->
                    HttpResult.problem(504, "function_timed_out", "function " + function.name() + " ran past its timeout");
            case InvocationResult.Failed failed -> HttpResult.problem(500, ProblemCodes.INTERNAL_ERROR,
                    "function " + function.name() + " failed after " + failed.attempts() + " attempts");
            case InvocationResult.Superseded superseded -> HttpResult.problem(409, "superseded", "the request was superseded");
        };
    }

    /** The function's input: the method, the path as sent and, for methods with a body, the JSON body. */
    private static byte[] payload(RequestContext context) {
        ObjectNode payload = Json.mapper().createObjectNode().put("method", context.method()).put("path", context.path());
        if (HttpMethod.valueOf(context.method()).hasBody()) {
            payload.set("body", context.body(JsonNode.class));
        }
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }
}
