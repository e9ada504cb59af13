package io.payrail.http.internal;

import io.payrail.http.HttpMethod;
import io.payrail.http.Route;
import io.payrail.platform.Check;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a method and path to a declared route. Templates are compared segment by segment; a
 * literal segment wins over a parameter, so {@code /v1/payments/search} beats
 * {@code /v1/payments/{id}}. Routes without parameters are found in one map look-up.
 */
public final class Router {
    /** Paths with more segments than this are not routed (no template is that deep). */
    public static final int SEGMENTS_MAX = 32;

    /** The outcome of routing one request. */
    public sealed interface Match {
        record Found(Route route, Map<String, String> pathParameters) implements Match {}

        record MethodNotAllowed(Set<HttpMethod> allowed) implements Match {}

        record NotFound() implements Match {}
    }

    private final List<Route> routes;
    private final Map<String, Route> literalRoutes = new HashMap<>();
    private final List<Route> templatedRoutes = new ArrayList<>();

    public Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
        Map<String, Route> seen = new HashMap<>();
        for (Route route : this.routes) {
            String shape = route.method() + " " + route.pathTemplate().replaceAll("\\{[^}]+}", "{}");
            Route clash = seen.putIfAbsent(shape, route);
            Check.argument(clash == null, "routes clash: %s %s and %s", route.method(), route.pathTemplate(),
                    clash == null ? "" : clash.pathTemplate());
            if (route.pathTemplate().contains("{")) {
                templatedRoutes.add(route);
            } else {
                literalRoutes.put(route.method() + " " + route.pathTemplate(), route);
            }
        }
        templatedRoutes.sort(Comparator.comparingInt(Router::parameterCount));
    }

    public List<Route> routes() {
        return routes;
    }

    public Match match(HttpMethod method, String path) {
        if (method != null) {
            Route literal = literalRoutes.get(method + " " + path);
            if (literal != null) {
                return new Match.Found(literal, Map.of());
            }
        }
        String[] segments = split(path);
        if (segments == null) {
            return new Match.NotFound();
        }
        Set<HttpMethod> allowed = EnumSet.noneOf(HttpMethod.class);
        for (Route route : routes) {
            Map<String, String> parameters = bind(route.pathTemplate(), segments);
            if (parameters == null) {
                continue;
            }
            if (route.method() == method && isMostSpecific(route, method, segments)) {
                return new Match.Found(route, parameters);
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? new Match.NotFound() : new Match.MethodNotAllowed(allowed);
    }

    private boolean isMostSpecific(Route candidate, HttpMethod method, String[] segments) {
        for (Route other : templatedRoutes) {
            if (other.method() == method && parameterCount(other) < parameterCount(candidate)
                    && bind(other.pathTemplate(), segments) != null) {
                return false;
            }
        }
        return true;
    }

    private static String[] split(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        String[] segments = path.substring(1).split("/", -1);
        return segments.length > SEGMENTS_MAX ? null : segments;
    }

    /** The template's parameters bound to the path's segments, or null when the path does not fit. */
    private static Map<String, String> bind(String template, String[] segments) {
        String[] parts = template.substring(1).split("/", -1);
        if (parts.length != segments.length) {
            return null;
        }
        Map<String, String> parameters = null;
        for (int index = 0; index < parts.length; index++) {
            String part = parts[index];
            if (part.startsWith("{")) {
                if (segments[index].isEmpty()) {
                    return null;
                }
                parameters = parameters == null ? new HashMap<>() : parameters;
                parameters.put(part.substring(1, part.length() - 1), segments[index]);
            } else if (!part.equals(segments[index])) {
                return null;
            }
        }
        return parameters == null ? Map.of() : parameters;
    }

    private static int parameterCount(Route route) {
        return route.pathParameterNames().size();
    }
}
