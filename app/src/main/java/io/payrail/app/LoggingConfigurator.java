package io.payrail.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;

/**
 * Payrail's logging, configured in code: one JSON object per line, with the trace, correlation and
 * tenant of the work. Found by logback through {@code META-INF/services}. Reading an XML file instead
 * costs about a tenth of a second at every start (XML parser, Joran's reflection), which the one-second
 * start of {@code payrail run} cannot spare. A file named by {@code -Dlogback.configurationFile} still
 * wins, for operators who want their own appenders.
 */
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {
    /** Where logs go and from which level: set by {@link Main} before the first log line. */
    static final String TARGET_PROPERTY = "payrail.log.target";
    static final String LEVEL_PROPERTY = "payrail.log.level";
    /** Libraries that are chatty at INFO; their warnings still show. */
    static final List<String> QUIET_LIBRARIES = List.of("org.flywaydb", "io.zonky", "com.zaxxer", "org.eclipse.jetty", "org.apache.sshd");
    static final List<String> CONTEXT_KEYS = List.of("traceId", "correlationId", "tenantId");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("json");
        appender.setTarget(System.getProperty(TARGET_PROPERTY, "System.out"));
        appender.setEncoder(encoder(context));
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty(LEVEL_PROPERTY), Level.INFO));
        root.addAppender(appender);
        QUIET_LIBRARIES.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static LogstashEncoder encoder(LoggerContext context) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        CONTEXT_KEYS.forEach(encoder::addIncludeMdcKeyName);
        encoder.setIncludeContext(false);
        // Payrail logs no dates through Jackson modules: scanning the class path for them costs time.
        encoder.setFindAndRegisterJacksonModules(false);
        LogstashFieldNames fieldNames = new LogstashFieldNames();
        fieldNames.setLevelValue("[ignore]");
        fieldNames.setVersion("[ignore]");
        encoder.setFieldNames(fieldNames);
        encoder.start();
        return encoder;
    }
}
