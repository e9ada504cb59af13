package io.payrail.bus;

import io.payrail.platform.Check;
import io.payrail.store.EventEnvelope;
import java.io.IOException;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;

/**
 * An EventBridge event pattern (prefix, suffix, anything-but, numeric, exists, equals-ignore-case,
 * wildcard, {@code $or}, ...) compiled by event-ruler and matched against {@link EventDocument}.
 * Payrail does not match patterns itself: event-ruler is the reference implementation of the syntax.
 */
public final class Rule {
    /** The longest pattern accepted, in characters; patterns are configuration, not data. */
    public static final int PATTERN_CHARS_MAX = 8_192;

    private static final String RULE_NAME = "rule";

    private final String pattern;
    private final Machine machine;

    private Rule(String pattern, Machine machine) {
        this.pattern = pattern;
        this.machine = machine;
    }

    /**
     * Compiles {@code pattern}; an invalid one fails with {@link IllegalArgumentException} whose
     * message starts with "invalid event pattern:" and names the problem event-ruler found.
     */
    public static Rule parse(String pattern) {
        Check.argument(pattern != null && !pattern.isBlank(), "invalid event pattern: the pattern is empty");
        Check.argument(pattern.length() <= PATTERN_CHARS_MAX,
                "invalid event pattern: %d characters, the limit is %d", pattern.length(), PATTERN_CHARS_MAX);
        String problem = JsonRuleCompiler.check(pattern);
        Check.argument(problem == null, "invalid event pattern: %s", oneLine(problem));
        Machine machine = Machine.builder().build();
        try {
            machine.addRule(RULE_NAME, pattern);
        } catch (IOException | RuntimeException failure) {
            throw new IllegalArgumentException("invalid event pattern: " + oneLine(failure.getMessage()), failure);
        }
        return new Rule(pattern, machine);
    }

    public boolean matches(EventEnvelope envelope) {
        return !machine.rulesForJSONEvent(EventDocument.of(envelope)).isEmpty();
    }

    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static String oneLine(String message) {
        return message == null ? "unknown problem" : message.replaceAll("\\s+", " ").strip();
    }
}
