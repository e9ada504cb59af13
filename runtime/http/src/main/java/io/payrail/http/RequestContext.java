package io.payrail.http;

import java.sql.Connection;
import java.util.Optional;

/**
 * What a handler sees of its request. The transaction behind {@link #connection()} is the unit of
 * work: the handler's writes, the events it appends and (on idempotent routes) the stored response
 * commit together after the handler returns, or roll back together when it throws or answers 5xx.
 */
public interface RequestContext {
    String method();

    /** The request path as sent ({@code /v1/payments/p_1}). */
    String path();

    /** The matched route's template ({@code /v1/payments/{id}}). */
    String routeTemplate();

    /** A path parameter of the template; the route declares it, so it is always there. */
    String pathParameter(String name);

    /** The first value of a query parameter, if present. */
    Optional<String> queryParameter(String name);

    /** A request header's value, if present. */
    Optional<String> header(String name);

    /**
     * The JSON body as {@code type}. When the route declares a request type, the gateway has already
     * parsed it and bad input was answered before the handler ran; otherwise it is parsed here and
     * bad input throws {@link ProblemException}.
     */
    <T> T body(Class<T> type);

    /** The caller, or empty on a public route. */
    Optional<ApiKeyPrincipal> principal();

    /** The caller's tenant; a programmer error on a public route. */
    String tenantId();

    /** The request's W3C trace id (32 lowercase hex digits); events the handler sends carry it. */
    String traceId();

    /** {@code limit} and {@code starting_after} of a list request; bad values throw {@link ProblemException}. */
    PageRequest pageRequest();

    /**
     * The request's transaction, opened on first use (idempotent routes open it before the handler).
     * Do not commit, roll back or close it: the gateway does.
     */
    Connection connection();
}
