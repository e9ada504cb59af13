package io.payrail.http.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.payrail.http.ProblemCodes;
import io.payrail.http.ProblemException;
import io.payrail.platform.Json;
import java.io.IOException;

/**
 * Turns a request body into a typed value, or into a problem naming what is wrong and where:
 * malformed JSON (with line and column), an unknown field, a field of the wrong type, or a value
 * the type's constructor refused. Jackson's own messages are not echoed: they name Java classes.
 */
public final class BodyParser {
    /** Detail texts quote at most this much of a constructor's refusal. */
    public static final int DETAIL_LENGTH_MAX = 300;

    private BodyParser() {}

    public static <T> T parse(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw ProblemException.of(400, ProblemCodes.BODY_MISSING, "the request needs a JSON body", null);
        }
        try {
            T value = Json.mapper().readValue(body, type);
            if (value == null) {
                throw ProblemException.of(400, ProblemCodes.BODY_INVALID, "the body must be a JSON object, not null", null);
            }
            return value;
        } catch (UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            throw ProblemException.of(400, ProblemCodes.UNKNOWN_FIELD,
                    "unknown field '" + field + "'; known fields: " + unknown.getKnownPropertyIds(), field);
        } catch (ValueInstantiationException refused) {
            String field = path(refused);
            Throwable cause = refused.getCause() == null ? refused : refused.getCause();
            throw ProblemException.of(400, ProblemCodes.FIELD_INVALID, shorten(cause.getMessage()),
                    field.isEmpty() ? null : field);
        } catch (JsonMappingException mismatch) {
            String field = path(mismatch);
            if (field.isEmpty()) {
                throw ProblemException.of(400, ProblemCodes.BODY_INVALID, "the body must be a JSON object", null);
            }
            throw ProblemException.of(400, ProblemCodes.FIELD_INVALID, "field '" + field + "' has the wrong type or format", field);
        } catch (StreamReadException malformed) {
            throw ProblemException.of(400, ProblemCodes.MALFORMED_JSON, "malformed JSON" + where(malformed.getLocation()), null);
        } catch (JsonProcessingException other) {
            throw ProblemException.of(400, ProblemCodes.MALFORMED_JSON, "malformed JSON" + where(other.getLocation()), null);
        } catch (IOException impossible) {
            throw new IllegalStateException("reading a byte array failed", impossible);
        }
    }

    /** The field's path as a client writes it: {@code items[0].amount}. */
    static String path(JsonMappingException failure) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : failure.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String shorten(String text) {
        if (text == null) {
            return "a field has an invalid value";
        }
        return text.length() <= DETAIL_LENGTH_MAX ? text : text.substring(0, DETAIL_LENGTH_MAX);
    }
}
