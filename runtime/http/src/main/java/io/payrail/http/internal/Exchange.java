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
    /**
     * Runs on the request's transaction before the handler's first statement (the idempotency
     * claim): null lets the handler go on; a response refuses the request with that answer.
     */
    @FunctionalInterface
    public interface TransactionStart {
        RenderedResponse refusalOrNull(Connection connection) throws SQLException;
    }

    /** Unwinds a handler whose transaction start refused the request; carries no stack trace. */
    public static final class TransactionRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TransactionRefused() {
            super("the request's transaction start refused it", null, false, false);
        }
    }

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
    private TransactionStart transactionStart;
    private RenderedResponse refusal;

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
        if (refusal != null) {
            throw new TransactionRefused();
        }
        if (connection == null) {
            Check.that(dataSource != null, "route %s needs a database but the gateway has none", route.pathTemplate());
            connection = openTransaction();
            TransactionStart start = transactionStart;
            transactionStart = null;
            if (start != null) {
                begin(start);
            }
        }
        return connection;
    }

    private void begin(TransactionStart start) {
        try {
            refusal = start.refusalOrNull(connection);
        } catch (SQLException failure) {
            throw new DatabaseException("could not start the request's transaction", failure);
        }
        if (refusal != null) {
            rollbackAndClose();
            throw new TransactionRefused();
        }
    }

    /** Sets what runs when the handler first asks for its transaction ({@link #connection()}). */
    void onTransactionStart(TransactionStart start) {
        transactionStart = start;
    }

    /** The answer of a refused transaction start, or null (also when the handler caught the refusal). */
    RenderedResponse refusal() {
        return refusal;
    }

    boolean hasTransaction() {
        return connection != null;
    }

    /**
     * A pooled connection in autocommit mode, apart from the request's transaction (the caller
     * closes it): one statement that is its own durable transaction needs no BEGIN and no COMMIT.
     */
    Connection autocommitConnection() throws SQLException {
        Check.that(dataSource != null, "route %s needs a database but the gateway has none", route.pathTemplate());
        Connection opened = dataSource.getConnection();
        try {
            opened.setAutoCommit(true);
            return opened;
        } catch (SQLException failure) {
            closeQuietly(opened, failure);
            throw failure;
        }
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
