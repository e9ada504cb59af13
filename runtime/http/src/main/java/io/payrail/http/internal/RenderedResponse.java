package io.payrail.http.internal;

import io.payrail.platform.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response ready for the wire: what is written, and what an idempotency record stores. */
public record RenderedResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
    public RenderedResponse {
        Check.notNull(headers, "headers");
        Check.notNull(body, "body");
    }

    public RenderedResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new RenderedResponse(status, contentType, more, body);
    }
}
