package io.payrail.http.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payrail.http.HttpMethod;
import io.payrail.http.PageRequest;
import io.payrail.http.Problem;
import io.payrail.http.Route;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpStatus;

/**
 * The OpenAPI 3.1 document of the declared routes: one operation per route, with its parameters,
 * body and success schemas, the problem answers the gateway can give it, and bearer security.
 * It is generated from the same declarations the router uses, so it cannot drift from them.
 */
public final class OpenApiDocument {
    private static final String PROBLEM_REFERENCE = "#/components/schemas/Problem";

    private OpenApiDocument() {}

    public static ObjectNode build(List<Route> routes, String title, String version) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("openapi", "3.1.0");
        document.putObject("info").put("title", title).put("version", version);
        ObjectNode components = document.putObject("components");
        components.putObject("securitySchemes").putObject("bearerAuth")
                .put("type", "http").put("scheme", "bearer")
                .put("description", "An API key (prk_live_...) scoped to a tenant and a role");
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("Problem", problemSchema());
        JsonSchemas jsonSchemas = new JsonSchemas(schemas);
        ObjectNode paths = document.putObject("paths");
        for (Route route : routes) {
            ObjectNode path = paths.has(route.pathTemplate())
                    ? (ObjectNode) paths.get(route.pathTemplate()) : paths.putObject(route.pathTemplate());
            path.set(key(route.method()), operation(route, jsonSchemas));
        }
        return document;
    }

    private static ObjectNode operation(Route route, JsonSchemas schemas) {
        ObjectNode operation = JsonNodeFactory.instance.objectNode();
        operation.put("operationId", operationId(route));
        operation.put("summary", route.summary());
        ArrayNode parameters = operation.putArray("parameters");
        for (String name : route.pathParameterNames()) {
            parameter(parameters, name, "path", true).putObject("schema").put("type", "string");
        }
        if (route.paginated()) {
            parameter(parameters, PageRequest.LIMIT_PARAMETER, "query", false).putObject("schema")
                    .put("type", "integer").put("minimum", 1).put("maximum", PageRequest.LIMIT_MAX)
                    .put("default", PageRequest.LIMIT_DEFAULT);
            parameter(parameters, PageRequest.CURSOR_PARAMETER, "query", false).putObject("schema")
                    .put("type", "string").put("maxLength", PageRequest.CURSOR_LENGTH_MAX);
        }
        if (route.options().idempotent()) {
            parameter(parameters, Pipeline.IDEMPOTENCY_HEADER, "header", true).putObject("schema")
                    .put("type", "string").put("maxLength", Pipeline.IDEMPOTENCY_KEY_LENGTH_MAX);
        }
        if (route.requestType() != null) {
            ObjectNode body = operation.putObject("requestBody").put("required", true);
            body.putObject("content").putObject("application/json").set("schema", schemas.schema(route.requestType()));
        }
        operation.set("responses", responses(route, schemas));
        ArrayNode security = operation.putArray("security");
        if (!route.options().isPublic()) {
            security.addObject().putArray("bearerAuth");
            operation.put("x-payrail-role", route.options().requiredRole().wireName());
        }
        operation.put("x-payrail-max-payload-bytes", route.options().maxPayloadBytes());
        return operation;
    }

    private static ObjectNode parameter(ArrayNode parameters, String name, String in, boolean required) {
        return parameters.addObject().put("name", name).put("in", in).put("required", required);
    }

    private static ObjectNode responses(Route route, JsonSchemas schemas) {
        ObjectNode responses = JsonNodeFactory.instance.objectNode();
        ObjectNode success = responses.putObject(Integer.toString(route.successStatus()))
                .put("description", HttpStatus.getMessage(route.successStatus()));
        if (route.responseType() != null) {
            ObjectNode schema = route.paginated() ? listSchema(schemas.schema(route.responseType()))
                    : schemas.schema(route.responseType());
            success.putObject("content").putObject("application/json").set("schema", schema);
        }
        for (int status : problemStatuses(route)) {
            ObjectNode problem = responses.putObject(Integer.toString(status)).put("description", HttpStatus.getMessage(status));
            problem.putObject("content").putObject(Problem.MEDIA_TYPE).putObject("schema").put("$ref", PROBLEM_REFERENCE);
        }
        return responses;
    }

    private static TreeSet<Integer> problemStatuses(Route route) {
        TreeSet<Integer> statuses = new TreeSet<>(List.of(500));
        if (!route.options().isPublic()) {
            statuses.addAll(List.of(401, 403, 429));
        }
        if (route.method().hasBody()) {
            statuses.addAll(List.of(400, 413, 415));
        }
        if (route.options().idempotent()) {
            statuses.addAll(List.of(400, 409, 422));
        }
        if (route.paginated() || !route.pathParameterNames().isEmpty()) {
            statuses.add(400);
        }
        return statuses;
    }

    private static ObjectNode listSchema(ObjectNode item) {
        ObjectNode list = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode properties = list.putObject("properties");
        properties.putObject("object").put("const", "list");
        properties.putObject("data").put("type", "array").set("items", item);
        properties.putObject("has_more").put("type", "boolean");
        list.putArray("required").add("object").add("data").add("has_more");
        return list;
    }

    private static ObjectNode problemSchema() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object")
                .put("description", "RFC 9457 problem details with a stable code");
        ObjectNode properties = schema.putObject("properties");
        for (String name : List.of("type", "title", "detail", "instance", "code", "param", "trace_id")) {
            properties.putObject(name).put("type", "string");
        }
        properties.putObject("status").put("type", "integer");
        schema.putArray("required").add("type").add("title").add("status").add("code");
        return schema;
    }

    private static String operationId(Route route) {
        String words = route.pathTemplate().replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "_");
        return route.method().name().toLowerCase(Locale.ROOT) + words.replaceAll("_+$", "");
    }

    /** The method's key under a path item: {@code get}, {@code post}, ... */
    public static String key(HttpMethod method) {
        return method.name().toLowerCase(Locale.ROOT);
    }
}
