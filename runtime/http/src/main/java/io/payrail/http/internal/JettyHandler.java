package io.payrail.http.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Adapts Jetty's core handler API to the pipeline. The handler is blocking: with the virtual-thread
 * executor Jetty runs each request on its own virtual thread, so JDBC calls simply block it.
 */
public final class JettyHandler extends Handler.Abstract {
    private final Pipeline pipeline;

    public JettyHandler(Pipeline pipeline) {
        super(InvocationType.BLOCKING);
        this.pipeline = pipeline;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        RenderedResponse rendered = pipeline.handle(new JettyRequest(request));
        response.setStatus(rendered.status());
        for (Map.Entry<String, String> header : rendered.headers().entrySet()) {
            response.getHeaders().put(header.getKey(), header.getValue());
        }
        if (rendered.contentType() != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, rendered.contentType());
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, rendered.body().length);
        response.write(true, ByteBuffer.wrap(rendered.body()), callback);
        return true;
    }

    private record JettyRequest(Request request) implements IncomingRequest {
        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String path() {
            return Request.getPathInContext(request);
        }

        @Override
        public String query() {
            return request.getHttpURI().getQuery();
        }

        @Override
        public String header(String name) {
            return request.getHeaders().get(name);
        }

        @Override
        public byte[] readBody(int maxBytes) {
            long declared = request.getLength();
            if (declared > maxBytes) {
                return null;
            }
            try (InputStream input = Content.Source.asInputStream(request)) {
                if (declared >= 0) {
                    // Content-Length known (Jetty ends the content there): read into one exact array.
                    byte[] body = input.readNBytes((int) declared);
                    if (body.length != declared) {
                        throw new EOFException("the body ended after " + body.length + " of " + declared + " bytes");
                    }
                    return body;
                }
                byte[] body = input.readNBytes(maxBytes + 1);
                return body.length > maxBytes ? null : body;
            } catch (IOException failure) {
                throw new UncheckedIOException("reading the request body failed", failure);
            }
        }
    }
}
