package io.payrail.platform;

import org.slf4j.MDC;

/**
 * The trace, correlation and tenant of the work on the current thread, carried in the logging MDC
 * so every JSON log line names them. Open with try-with-resources; closing restores what was there.
 */
public final class TraceContext implements AutoCloseable {
    public static final String TRACE_ID = "traceId";
    public static final String CORRELATION_ID = "correlationId";
    public static final String TENANT_ID = "tenantId";

    private final String previousTrace;
    private final String previousCorrelation;
    private final String previousTenant;

    private TraceContext(String traceId, String correlationId, String tenantId) {
        previousTrace = MDC.get(TRACE_ID);
        previousCorrelation = MDC.get(CORRELATION_ID);
        previousTenant = MDC.get(TENANT_ID);
        put(TRACE_ID, traceId);
        put(CORRELATION_ID, correlationId);
        put(TENANT_ID, tenantId);
    }

    public static TraceContext open(String traceId, String correlationId, String tenantId) {
        return new TraceContext(traceId, correlationId, tenantId);
    }

    public static String traceId() {
        return MDC.get(TRACE_ID);
    }

    public static String correlationId() {
        return MDC.get(CORRELATION_ID);
    }

    public static String tenantId() {
        return MDC.get(TENANT_ID);
    }

    @Override
    public void close() {
        put(TRACE_ID, previousTrace);
        put(CORRELATION_ID, previousCorrelation);
        put(TENANT_ID, previousTenant);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
