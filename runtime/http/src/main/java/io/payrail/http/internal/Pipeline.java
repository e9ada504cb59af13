package io.payrail.http.internal;

import io.payrail.http.ApiKeyPrincipal;
import io.payrail.http.ApiKeys;
import io.payrail.http.HttpMethod;
import io.payrail.http.HttpResult;
import io.payrail.http.ProblemCodes;
import io.payrail.http.ProblemException;
import io.payrail.http.Route;
import io.payrail.platform.IdGenerator;
import io.payrail.platform.TraceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request's path through the gateway, in order: trace context, route, API key, role, rate
 * limit, idempotency key, body (size, media type, JSON), then the handler in its transaction.
 * Each refusal is a problem document; nothing reaches the database before the input is valid.
 */
public final class Pipeline {
    public static final String TRACE_HEADER = "Trace-Id";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    public static final int IDEMPOTENCY_KEY_LENGTH_MAX = 255;
    private static final String UNMATCHED = "unmatched";
    private static final byte[] NO_BODY = new byte[0];
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final Router router;
    private final ApiKeys apiKeys;
    private final TokenBucketLimiter limiter;
    private final ConcurrencyLimit concurrency;
    private final DataSource dataSource;
    private final Execution execution;
    private final IdGenerator traceIds;
    private final RequestMetrics metrics;
    private final AccessLog accessLog;

    /** {@code apiKeys}, {@code limiter}, {@code concurrency} and {@code dataSource} may be null (not used). */
    public Pipeline(Router router, ApiKeys apiKeys, TokenBucketLimiter limiter, ConcurrencyLimit concurrency,
            DataSource dataSource, Execution execution, IdGenerator traceIds, RequestMetrics metrics, AccessLog accessLog) {
        this.router = router;
        this.apiKeys = apiKeys;
        this.limiter = limiter;
        this.concurrency = concurrency;
        this.dataSource = dataSource;
        this.execution = execution;
        this.traceIds = traceIds;
        this.metrics = metrics;
        this.accessLog = accessLog;
    }

    public RenderedResponse handle(IncomingRequest request) {
        long started = System.nanoTime();
        String incomingTrace = TraceParent.traceIdOrNull(request.header(TraceParent.HEADER));
        String traceId = incomingTrace != null ? incomingTrace : TraceParent.newTraceId(traceIds);
        try (TraceContext _ = TraceContext.open(traceId, traceId, null)) {
            String routeLabel = UNMATCHED;
            RenderedResponse response = switch (router.match(HttpMethod.parseOrNull(request.method()), request.path())) {
                case Router.Match.Found found -> {
                    routeLabel = found.route().pathTemplate();
                    yield handleRoute(found, request, traceId);
                }
                case Router.Match.MethodNotAllowed notAllowed -> Renderer.render(HttpResult.problem(405,
                                ProblemCodes.METHOD_NOT_ALLOWED, request.method() + " is not allowed here; allowed: "
                                        + notAllowed.allowed(), null)
                        .withHeader("Allow", notAllowed.allowed().stream().map(Enum::name)
                                .collect(Collectors.joining(", "))), request.path(), traceId);
                case Router.Match.NotFound notFound -> Renderer.render(HttpResult.problem(404,
                        ProblemCodes.ROUTE_NOT_FOUND, "no route for " + request.method() + " " + request.path(), null),
                        request.path(), traceId);
            };
            long durationNanos = System.nanoTime() - started;
            metrics.record(request.method(), routeLabel, response.status(), durationNanos);
            accessLog.record(request.method(), routeLabel, response.status(), durationNanos);
            return response.withHeader(TRACE_HEADER, traceId);
        }
    }

    private RenderedResponse handleRoute(Router.Match.Found found, IncomingRequest request, String traceId) {
        Route route = found.route();
        try {
            ApiKeyPrincipal principal = route.options().isPublic() ? null : authorize(route, request);
            String tenantId = principal == null ? null : principal.tenantId();
            try (TraceContext _ = TraceContext.open(traceId, traceId, tenantId)) {
                return execute(route, found.pathParameters(), request, principal, traceId);
            }
        } catch (ProblemException problem) {
            return Renderer.render(problem.result(), request.path(), traceId);
        } catch (Exception failure) {
            // The client gets the trace id only; the log line carries it with the stack trace.
            LOG.error("{} {} failed, trace {}", request.method(), route.pathTemplate(), traceId, failure);
            return Renderer.render(HttpResult.problem(500, ProblemCodes.INTERNAL_ERROR,
                    "an internal error occurred; quote trace id " + traceId + " to support"), request.path(), traceId);
        }
    }

    private RenderedResponse execute(Route route, Map<String, String> pathParameters, IncomingRequest request,
            ApiKeyPrincipal principal, String traceId) throws SQLException {
        String idempotencyKey = route.options().idempotent() ? idempotencyKey(request) : null;
        byte[] body = readBody(route, request);
        Object parsed = route.requestType() == null ? null : BodyParser.parse(body, route.requestType());
        Exchange exchange = new Exchange(request, route, pathParameters, body, parsed, principal, traceId, dataSource);
        byte[] requestHash = idempotencyKey == null ? null : requestHash(request, body);
        // Public routes (probes, documents) never wait behind business traffic.
        boolean limited = concurrency != null && !route.options().isPublic();
        if (limited && !concurrency.tryEnter()) {
            throw new ProblemException(HttpResult.problem(503, ProblemCodes.SERVER_BUSY,
                    "too many requests in progress; retry shortly").withHeader("Retry-After", "1"));
        }
        try {
            return idempotencyKey == null ? execution.plain(exchange)
                    : execution.idempotent(exchange, idempotencyKey, requestHash);
        } finally {
            if (limited) {
                concurrency.exit();
            }
        }
    }

    private ApiKeyPrincipal authorize(Route route, IncomingRequest request) {
        String header = request.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new ProblemException(HttpResult.problem(401, ProblemCodes.API_KEY_MISSING,
                    "send an API key as 'Authorization: Bearer <key>'").withHeader("WWW-Authenticate", "Bearer"));
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ProblemException(HttpResult.problem(401, ProblemCodes.API_KEY_INVALID,
                    "the Authorization header must be 'Bearer <key>'").withHeader("WWW-Authenticate", "Bearer"));
        }
        Optional<ApiKeyPrincipal> found = apiKeys.authenticate(header.substring(7).trim());
        if (found.isEmpty()) {
            throw new ProblemException(HttpResult.problem(401, ProblemCodes.API_KEY_INVALID,
                    "the API key is unknown or revoked").withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        }
        ApiKeyPrincipal principal = found.get();
        if (!principal.role().permits(route.options().requiredRole())) {
            throw ProblemException.of(403, ProblemCodes.ROLE_INSUFFICIENT, "this route needs the "
                    + route.options().requiredRole().wireName() + " role; the key has " + principal.role().wireName(), null);
        }
        long waitNanos = limiter == null ? 0 : limiter.tryAcquire(principal.apiKeyId());
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            throw new ProblemException(HttpResult.problem(429, ProblemCodes.RATE_LIMITED,
                    "too many requests for this API key; retry after " + seconds + " s")
                    .withHeader("Retry-After", Long.toString(seconds)));
        }
        return principal;
    }

    private static String idempotencyKey(IncomingRequest request) {
        String key = request.header(IDEMPOTENCY_HEADER);
        if (key == null || key.isEmpty()) {
            throw ProblemException.of(400, ProblemCodes.IDEMPOTENCY_KEY_MISSING,
                    "this route needs an Idempotency-Key header (for example a UUID)", IDEMPOTENCY_HEADER);
        }
        if (key.length() > IDEMPOTENCY_KEY_LENGTH_MAX || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw ProblemException.of(400, ProblemCodes.IDEMPOTENCY_KEY_INVALID, "an Idempotency-Key is 1.."
                    + IDEMPOTENCY_KEY_LENGTH_MAX + " visible ASCII characters", IDEMPOTENCY_HEADER);
        }
        return key;
    }

    private static byte[] readBody(Route route, IncomingRequest request) {
        if (!route.method().hasBody()) {
            return NO_BODY;
        }
        int limit = route.options().maxPayloadBytes();
        byte[] body = request.readBody(limit);
        if (body == null) {
            throw ProblemException.of(413, ProblemCodes.PAYLOAD_TOO_LARGE,
                    "the body is larger than this route's limit of " + limit + " bytes", null);
        }
        if (body.length > 0 && !isJson(request.header("Content-Type"))) {
            throw ProblemException.of(415, ProblemCodes.UNSUPPORTED_MEDIA_TYPE,
                    "send the body as Content-Type: application/json (UTF-8)", "Content-Type");
        }
        return body;
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals("application/json")) {
            return false;
        }
        for (int index = 1; index < parts.length; index++) {
            String parameter = parts[index].trim().replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    /** What makes two requests "the same" for an idempotency key: method, path with query, body. */
    private static byte[] requestHash(IncomingRequest request, byte[] body) {
        MessageDigest digest = Hashes.sha256();
        String query = request.query() == null ? "" : request.query();
        digest.update((request.method() + ' ' + request.path() + '?' + query + '\n').getBytes(StandardCharsets.UTF_8));
        digest.update(body);
        return digest.digest();
    }
}
