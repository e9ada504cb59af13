package io.payrail.http;

import io.payrail.platform.Check;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;

/**
 * What a handler answers: a status, a body (serialized as JSON unless it is raw bytes with its own
 * media type) and extra headers. Problems are results too, so a business rejection is a value.
 */
public record HttpResult(int status, Object body, String contentType, Map<String, String> headers) {
    public static final String JSON = "application/json";
    /** Codes are lowercase words joined by underscores, stable across releases. */
    private static final String CODE_PATTERN = "[a-z][a-z0-9_]{0,63}";

    public HttpResult {
        Check.argument(status >= 200 && status <= 599, "status must be within 200..599, got %d", status);
        Check.argument(body == null || !(body instanceof byte[]) || contentType != null,
                "raw bytes need a media type (status %d)", status);
        headers = Map.copyOf(headers);
    }

    public static HttpResult ok(Object body) {
        return new HttpResult(200, body, JSON, Map.of());
    }

    public static HttpResult created(Object body) {
        return new HttpResult(201, body, JSON, Map.of());
    }

    public static HttpResult created(Object body, String location) {
        return created(body).withHeader("Location", location);
    }

    public static HttpResult accepted(Object body) {
        return new HttpResult(202, body, JSON, Map.of());
    }

    public static HttpResult noContent() {
        return new HttpResult(204, null, null, Map.of());
    }

    /** A body that is already encoded (Prometheus text, a stored response being replayed). */
    public static HttpResult raw(int status, String contentType, byte[] body) {
        return new HttpResult(status, body, Check.notNull(contentType, "contentType"), Map.of());
    }

    public static HttpResult problem(int status, String code, String detail) {
        return problem(status, code, detail, null);
    }

    /**
     * A problem document with a stable {@code code} and, when one request field is at fault, its
     * name in {@code param} (dotted for nested fields: {@code items[0].amount}).
     */
    public static HttpResult problem(int status, String code, String detail, String param) {
        Check.argument(status >= 400, "a problem needs a 4xx or 5xx status, got %d for %s", status, code);
        Check.argument(code != null && code.matches(CODE_PATTERN), "problem code must match %s, got %s", CODE_PATTERN, code);
        Problem problem = new Problem(Problem.TYPE_PREFIX + code, HttpStatus.getMessage(status), status,
                Check.notNull(detail, "detail"), null, code, param, null);
        return new HttpResult(status, problem, Problem.MEDIA_TYPE, Map.of());
    }

    public HttpResult withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(Check.notNull(name, "name"), Check.notNull(value, "value"));
        return new HttpResult(status, body, contentType, more);
    }

    /** The problem this result carries, or null when it is not a problem. */
    public Problem problem() {
        return body instanceof Problem problem ? problem : null;
    }

    public boolean isServerError() {
        return status >= 500;
    }
}
