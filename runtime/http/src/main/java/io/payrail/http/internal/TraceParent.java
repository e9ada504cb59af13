package io.payrail.http.internal;

import io.payrail.platform.IdGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * W3C Trace Context: the trace id of a valid {@code traceparent} header
 * ({@code version-traceid-parentid-flags}), or a new one. Invalid headers are ignored, as the
 * specification asks, rather than refused.
 */
public final class TraceParent {
    public static final String HEADER = "traceparent";
    private static final Pattern FORMAT = Pattern.compile(
            "([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_PARENT = "0".repeat(16);
    /** Headers longer than this are not parsed. */
    private static final int LENGTH_MAX = 512;

    private TraceParent() {}

    /** The trace id carried by {@code header}, or null when the header is absent or invalid. */
    public static String traceIdOrNull(String header) {
        if (header == null || header.length() > LENGTH_MAX) {
            return null;
        }
        Matcher matcher = FORMAT.matcher(header.trim());
        if (!matcher.matches()) {
            return null;
        }
        String version = matcher.group(1);
        boolean validVersion = !version.equals("ff") && (!version.equals("00") || matcher.group(5) == null);
        if (!validVersion || matcher.group(2).equals(ZERO_TRACE) || matcher.group(3).equals(ZERO_PARENT)) {
            return null;
        }
        return matcher.group(2);
    }

    /** A new trace id: 32 lowercase hex digits from the injected id generator. */
    public static String newTraceId(IdGenerator ids) {
        return ids.next().toString().replace("-", "");
    }
}
