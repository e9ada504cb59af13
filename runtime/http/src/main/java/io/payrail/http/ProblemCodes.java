package io.payrail.http;

/**
 * The stable codes of the problems the gateway itself answers. Domain modules add their own codes
 * (lowercase words joined by underscores) through {@link HttpResult#problem}.
 */
public final class ProblemCodes {
    public static final String ROUTE_NOT_FOUND = "route_not_found";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String BODY_MISSING = "body_missing";
    public static final String BODY_INVALID = "body_invalid";
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String UNKNOWN_FIELD = "unknown_field";
    public static final String FIELD_INVALID = "field_invalid";
    public static final String PARAMETER_INVALID = "parameter_invalid";
    public static final String LIMIT_INVALID = "limit_invalid";
    public static final String CURSOR_INVALID = "cursor_invalid";
    public static final String API_KEY_MISSING = "api_key_missing";
    public static final String API_KEY_INVALID = "api_key_invalid";
    public static final String ROLE_INSUFFICIENT = "role_insufficient";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String IDEMPOTENCY_KEY_MISSING = "idempotency_key_missing";
    public static final String IDEMPOTENCY_KEY_INVALID = "idempotency_key_invalid";
    public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";
    public static final String IDEMPOTENCY_KEY_IN_PROGRESS = "idempotency_key_in_progress";
    public static final String NOT_READY = "not_ready";
    public static final String SERVER_BUSY = "server_busy";
    public static final String INTERNAL_ERROR = "internal_error";
    /** Requests Jetty refuses before routing (malformed HTTP, oversized URI or headers). */
    public static final String BAD_REQUEST = "bad_request";
    public static final String URI_TOO_LONG = "uri_too_long";
    public static final String HEADERS_TOO_LARGE = "headers_too_large";
    public static final String HTTP_ERROR = "http_error";

    private ProblemCodes() {}
}
