package io.payrail.http.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The first value of each query parameter; at most {@link #PARAMETERS_MAX} are read. */
public final class QueryParameters {
    public static final int PARAMETERS_MAX = 32;
    private static final QueryParameters NONE = new QueryParameters(Map.of());

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    public static QueryParameters parse(String query) {
        if (query == null || query.isEmpty()) {
            return NONE;
        }
        Map<String, String> values = new HashMap<>();
        String[] pairs = query.split("&", PARAMETERS_MAX + 1);
        for (int index = 0; index < Math.min(pairs.length, PARAMETERS_MAX); index++) {
            String pair = pairs[index];
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (name != null && value != null) {
                values.putIfAbsent(name, value);
            }
        }
        return new QueryParameters(values);
    }

    public String first(String name) {
        return values.get(name);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return null;
        }
    }
}
