package io.payrail.http;

import io.payrail.platform.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * One declared route: method, path template ({@code /v1/payments/{id}}), handler and options, plus
 * what the OpenAPI document says about it. Declarations are values, so the gateway, the OpenAPI
 * document and the function catalog all read the same list.
 *
 * @param requestType the JSON body's type (parsed before the handler runs), or null for no body
 * @param responseType the success body's type (for paginated routes: the item type), or null
 * @param successStatus the status of a successful answer
 * @param paginated whether the route lists items with {@code limit} and {@code starting_after}
 */
public record Route(
        HttpMethod method,
        String pathTemplate,
        RouteHandler handler,
        RouteOptions options,
        Class<?> requestType,
        Class<?> responseType,
        int successStatus,
        boolean paginated,
        String summary) {
    /** Path templates longer than this are a declaration mistake. */
    public static final int PATH_TEMPLATE_LENGTH_MAX = 200;
    private static final String SEGMENT_LITERAL = "[A-Za-z0-9._~-]+";
    private static final String SEGMENT_PARAMETER = "\\{[a-z][A-Za-z0-9_]*}";

    public Route {
        Check.notNull(method, "method");
        Check.notNull(handler, "handler");
        Check.notNull(options, "options");
        Check.argument(pathTemplate != null && pathTemplate.length() <= PATH_TEMPLATE_LENGTH_MAX
                        && (pathTemplate.equals("/") || pathTemplate.matches(
                                "(/(" + SEGMENT_LITERAL + "|" + SEGMENT_PARAMETER + "))+")),
                "path template must be /segment/{parameter}/... with at most %d characters, got %s",
                PATH_TEMPLATE_LENGTH_MAX, pathTemplate);
        Check.argument(successStatus >= 200 && successStatus <= 299, "success status must be 2xx, got %d", successStatus);
        Check.argument(requestType == null || method.hasBody(), "%s routes take no body: %s", method, pathTemplate);
        summary = summary == null ? method + " " + pathTemplate : summary;
    }

    public static Route of(HttpMethod method, String pathTemplate, RouteHandler handler) {
        int status = method == HttpMethod.POST ? 201 : 200;
        return new Route(method, pathTemplate, handler, RouteOptions.defaultsFor(method), null, null, status, false, null);
    }

    public static Route get(String pathTemplate, RouteHandler handler) {
        return of(HttpMethod.GET, pathTemplate, handler);
    }

    public static Route post(String pathTemplate, RouteHandler handler) {
        return of(HttpMethod.POST, pathTemplate, handler);
    }

    public static Route put(String pathTemplate, RouteHandler handler) {
        return of(HttpMethod.PUT, pathTemplate, handler);
    }

    public static Route delete(String pathTemplate, RouteHandler handler) {
        return of(HttpMethod.DELETE, pathTemplate, handler);
    }

    public Route options(RouteOptions newOptions) {
        return new Route(method, pathTemplate, handler, newOptions, requestType, responseType, successStatus, paginated, summary);
    }

    public Route role(Role role) {
        return options(new RouteOptions(Check.notNull(role, "role"), options.maxPayloadBytes(), options.idempotent(),
                options.effectsInTransaction()));
    }

    /** No API key needed (health probes, documents); never idempotent. */
    public Route publicAccess() {
        return options(new RouteOptions(null, options.maxPayloadBytes(), false, options.effectsInTransaction()));
    }

    public Route maxPayloadBytes(int bytes) {
        return options(new RouteOptions(options.requiredRole(), bytes, options.idempotent(), options.effectsInTransaction()));
    }

    public Route idempotent(boolean idempotent) {
        return options(new RouteOptions(options.requiredRole(), options.maxPayloadBytes(), idempotent,
                options.effectsInTransaction()));
    }

    /**
     * Declares that the handler acts only through its transaction ({@link RequestContext#connection()}),
     * which lets an idempotent route claim its key lazily: see {@link RouteOptions#effectsInTransaction()}.
     */
    public Route effectsInTransaction() {
        return options(new RouteOptions(options.requiredRole(), options.maxPayloadBytes(), options.idempotent(), true));
    }

    public Route requestBody(Class<?> type) {
        return new Route(method, pathTemplate, handler, options, type, responseType, successStatus, paginated, summary);
    }

    public Route response(int status, Class<?> type) {
        return new Route(method, pathTemplate, handler, options, requestType, type, status, paginated, summary);
    }

    /** A list route: answers a {@link Page} of {@code itemType} and takes {@code limit} and {@code starting_after}. */
    public Route paginated(Class<?> itemType) {
        return new Route(method, pathTemplate, handler, options, requestType, itemType, successStatus, true, summary);
    }

    public Route summary(String text) {
        return new Route(method, pathTemplate, handler, options, requestType, responseType, successStatus, paginated, text);
    }

    /** The names of the template's {@code {parameters}}, in order. */
    public List<String> pathParameterNames() {
        List<String> names = new ArrayList<>();
        for (String segment : pathTemplate.split("/")) {
            if (segment.startsWith("{")) {
                names.add(segment.substring(1, segment.length() - 1));
            }
        }
        return names;
    }
}
