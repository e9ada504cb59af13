package io.payrail.function;

import com.fasterxml.jackson.databind.JsonNode;
import io.payrail.http.ApiKeyPrincipal;
import io.payrail.http.PageRequest;
import io.payrail.http.RequestContext;
import io.payrail.platform.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;

/** A request as the gateway would hand it to a route, without a socket. */
record FakeRequest(String method, String path, String bodyJson, Map<String, String> headers) implements RequestContext {
    @Override
    public String routeTemplate() {
        return path;
    }

    @Override
    public String pathParameter(String name) {
        throw new IllegalArgumentException("no path parameter " + name);
    }

    @Override
    public Optional<String> queryParameter(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    @Override
    public <T> T body(Class<T> type) {
        try {
            JsonNode node = Json.mapper().readTree(bodyJson);
            return Json.mapper().treeToValue(node, type);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    @Override
    public Optional<ApiKeyPrincipal> principal() {
        return Optional.empty();
    }

    @Override
    public String tenantId() {
        throw new IllegalStateException("public route");
    }

    @Override
    public String traceId() {
        return "0af7651916cd43dd8448eb211c80319c";
    }

    @Override
    public PageRequest pageRequest() {
        throw new UnsupportedOperationException("not a list request");
    }

    @Override
    public Connection connection() {
        throw new UnsupportedOperationException("functions use their own transaction");
    }
}
