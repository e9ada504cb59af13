package io.payrail.http.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses) for the Java types routes declare. Records become
 * named components; their primitive components are required, reference types may be null.
 */
final class JsonSchemas {
    /** Nested types deeper than this are described as plain objects. */
    static final int DEPTH_MAX = 16;

    private final ObjectNode components;

    JsonSchemas(ObjectNode components) {
        this.components = components;
    }

    ObjectNode schema(Type type) {
        return schema(type, 0);
    }

    private ObjectNode schema(Type type, int depth) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return node.put("type", "array").set("items", schema(arguments[0], depth + 1));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return node.put("type", "object").set("additionalProperties", schema(arguments[1], depth + 1));
            }
            return schema(raw, depth);
        }
        if (!(type instanceof Class<?> plain)) {
            return node;
        }
        return classSchema(plain, node, depth);
    }

    private ObjectNode classSchema(Class<?> type, ObjectNode node, int depth) {
        if (type == String.class || type == char.class || type == Character.class) {
            return node.put("type", "string");
        }
        if (type == UUID.class) {
            return node.put("type", "string").put("format", "uuid");
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return node.put("type", "string").put("format", "date-time");
        }
        if (type == LocalDate.class) {
            return node.put("type", "string").put("format", "date");
        }
        if (type == long.class || type == Long.class) {
            return node.put("type", "integer").put("format", "int64");
        }
        if (type == int.class || type == Integer.class || type == short.class || type == Short.class) {
            return node.put("type", "integer").put("format", "int32");
        }
        if (type == boolean.class || type == Boolean.class) {
            return node.put("type", "boolean");
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return node.put("type", "number");
        }
        if (type.isEnum()) {
            ArrayNode values = node.put("type", "string").putArray("enum");
            for (Object constant : type.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            return node;
        }
        if (type.isRecord() && depth < DEPTH_MAX) {
            return node.put("$ref", "#/components/schemas/" + component(type, depth));
        }
        return node.put("type", "object");
    }

    /** Registers the record as a component (once) and returns its name. */
    String component(Class<?> record, int depth) {
        String name = record.getSimpleName();
        if (components.has(name)) {
            return name;
        }
        ObjectNode schema = components.putObject(name).put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JsonNodeFactory.instance.arrayNode();
        for (RecordComponent part : record.getRecordComponents()) {
            JsonProperty renamed = part.getAnnotation(JsonProperty.class);
            String property = renamed != null && !renamed.value().isEmpty() ? renamed.value() : part.getName();
            properties.set(property, schema(part.getGenericType(), depth + 1));
            if (part.getType().isPrimitive()) {
                required.add(property);
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return name;
    }
}
