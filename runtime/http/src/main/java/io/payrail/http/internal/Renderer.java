package io.payrail.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.payrail.http.HttpResult;
import io.payrail.http.Problem;
import io.payrail.platform.Json;

/** Encodes handler results; problems get their occurrence (request path and trace id) filled in. */
public final class Renderer {
    private static final byte[] EMPTY = new byte[0];

    private Renderer() {}

    public static RenderedResponse render(HttpResult result, String path, String traceId) {
        Object body = result.body();
        byte[] bytes;
        if (body == null) {
            bytes = EMPTY;
        } else if (body instanceof byte[] raw) {
            bytes = raw;
        } else if (body instanceof Problem problem) {
            bytes = json(problem.at(path, traceId));
        } else {
            bytes = json(body);
        }
        return new RenderedResponse(result.status(), body == null ? null : result.contentType(), result.headers(), bytes);
    }

    private static byte[] json(Object value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException failure) {
            throw new IllegalStateException("could not encode a " + value.getClass().getName() + " as JSON", failure);
        }
    }
}
