package io.payrail.http;

import io.payrail.platform.Check;

/**
 * Bad input found while reading a request (a body, a query parameter, a cursor). It unwinds to the
 * gateway, which rolls back and answers the problem; it carries no stack trace because it is an
 * answer, not a failure.
 */
public final class ProblemException extends RuntimeException {
    private final transient HttpResult result;

    public ProblemException(HttpResult result) {
        super(result.problem() == null ? "problem" : result.problem().code() + ": " + result.problem().detail(),
                null, false, false);
        Check.argument(result.problem() != null, "a ProblemException needs a problem result, got status %d", result.status());
        this.result = result;
    }

    public static ProblemException of(int status, String code, String detail, String param) {
        return new ProblemException(HttpResult.problem(status, code, detail, param));
    }

    public HttpResult result() {
        return result;
    }
}
