package io.payrail.http.internal;

import io.payrail.http.HttpResult;
import io.payrail.http.ProblemCodes;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty finds before the gateway sees a request (malformed HTTP, a URI or
 * headers too large) with problem documents too, instead of Jetty's HTML page.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
            Callback callback) {
        int problemStatus = status >= 400 && status <= 599 ? status : 500;
        String detail = problemStatus >= 500 || message == null || message.isBlank()
                ? "the request could not be processed" : message;
        RenderedResponse rendered = Renderer.render(HttpResult.problem(problemStatus, code(problemStatus), detail),
                request.getHttpURI() == null ? null : request.getHttpURI().getPath(), null);
        response.setStatus(problemStatus);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, rendered.contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, rendered.body().length);
        response.write(true, ByteBuffer.wrap(rendered.body()), callback);
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> ProblemCodes.BAD_REQUEST;
            case 413 -> ProblemCodes.PAYLOAD_TOO_LARGE;
            case 414 -> ProblemCodes.URI_TOO_LONG;
            case 431 -> ProblemCodes.HEADERS_TOO_LARGE;
            default -> status >= 500 ? ProblemCodes.INTERNAL_ERROR : ProblemCodes.HTTP_ERROR;
        };
    }
}
