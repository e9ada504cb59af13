package io.payrail.http.internal;

import io.payrail.http.ApiKeyPrincipal;
import io.payrail.http.PageRequest;
import io.payrail.http.RequestContext;
import io.payrail.http.Route;
import io.payrail.platform.Check;
import io.payrail.platform.DatabaseException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One request in flight, as its handler sees it. Owns the request's transaction: opened on first
 * use (or by the idempotency step), committed or rolled back and closed by the pipeline.
 */
public final class Exchange implements RequestContext {
    private final IncomingRequest request;
    private final Route route;
    private final Map<String, String> pathParameters;
    private final QueryParameters query;
    private final byte[] body;
    private final Object parsedBody;
    private final ApiKeyPrincipal principal;
    private final String traceId;
    private final DataSource dataSource;
    private Connection connection;

    public Exchange(IncomingRequest request, Route route, Map<String, String> pathParameters, byte[] body,
            Object parsedBody, ApiKeyPrincipal principal, String traceId, DataSource dataSource) {
        this.request = request;
        this.route = route;
        this.pathParameters = pathParameters;
        this.query = QueryParameters.parse(request.query());
        this.body = body;
        this.parsedBody = parsedBody;
        this.principal = principal;
        this.traceId = traceId;
        this.dataSource = dataSource;
    }

    @Override
    public String method() {
        return request.method();
    }

    @Override
    public String path() {
        return request.path();
    }

    @Override
    public String routeTemplate() {
        return route.pathTemplate();
    }

    @Override
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        Check.argument(value != null, "route %s has no path parameter %s", route.pathTemplate(), name);
        return value;
    }

    @Override
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.first(name));
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.header(name));
    }

    @Override
    public <T> T body(Class<T> type) {
        if (parsedBody != null && type.isInstance(parsedBody)) {
            return type.cast(parsedBody);
        }
        return BodyParser.parse(body, type);
    }

    @Override
    public Optional<ApiKeyPrincipal> principal() {
        return Optional.ofNullable(principal);
    }

    @Override
    public String tenantId() {
        Check.that(principal != null, "route %s is public: it has no tenant", route.pathTemplate());
        return principal.tenantId();
    }

    @Override
    public String traceId() {
        return traceId;
    }

    @Override
    public PageRequest pageRequest() {
        return PageRequest.parse(query.first(PageRequest.LIMIT_PARAMETER), query.first(PageRequest.CURSOR_PARAMETER));
    }

    @Override
    public Connection connection() {
        if (connection == null) {
            Check.that(dataSource != null, "route %s needs a database but the gateway has none", route.pathTemplate());
            connection = openTransaction();
        }
        return connection;
    }

    private Connection openTransaction() {
        Connection opened = null;
        try {
            opened = dataSource.getConnection();
            opened.setAutoCommit(false);
            return opened;
        } catch (SQLException failure) {
            closeQuietly(opened, failure);
            throw new DatabaseException("could not open the request's transaction", failure);
        }
    }

    private static void closeQuietly(Connection connection, SQLException failure) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }

    public Route route() {
        return route;
    }

    /** Commits the transaction, if one was opened, and gives the connection back. */
    void commitAndClose() throws SQLException {
        if (connection == null) {
            return;
        }
        try (Connection closing = connection) {
            connection = null;
            closing.commit();
        }
    }

    /**
     * Rolls back and gives the connection back; safe to call at any time, also after a commit.
     * Failures here only add to the failure already being reported.
     */
    void rollbackAndClose() {
        if (connection == null) {
            return;
        }
        try (Connection closing = connection) {
            connection = null;
            closing.rollback();
        } catch (SQLException ignored) {
            // The transaction is lost either way: closing the connection makes the server roll back.
        }
    }
}
