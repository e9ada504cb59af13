package io.payrail.http;

import java.sql.SQLException;

/**
 * The code behind one route. It returns its outcome as a value ({@link HttpResult}); a thrown
 * exception is a bug or an operating failure, answered with a 500 problem and a rolled-back
 * transaction. {@link ProblemException} is the one exception that is an answer: bad input found
 * while reading the request.
 */
@FunctionalInterface
public interface RouteHandler {
    HttpResult handle(RequestContext context) throws SQLException;
}
