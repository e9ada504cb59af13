package io.payrail.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An RFC 9457 problem document, with Payrail's extension members: a stable machine-readable
 * {@code code}, the request field at fault ({@code param}) when there is one, and the trace id to
 * quote to support.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String code,
        String param,
        @JsonProperty("trace_id") String traceId) {
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem types are URNs: stable names that need no web site to resolve. */
    public static final String TYPE_PREFIX = "urn:payrail:problem:";

    /** Fills in the occurrence: the request path and its trace id. */
    public Problem at(String requestPath, String requestTraceId) {
        return new Problem(type, title, status, detail, requestPath, code, param, requestTraceId);
    }
}
