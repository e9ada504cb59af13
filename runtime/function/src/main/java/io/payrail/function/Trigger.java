package io.payrail.function;

import io.payrail.platform.Check;
import java.util.Locale;

/**
 * What makes a function run. A function has exactly one trigger, so each handler has one reason to
 * run and one shape of input (the single-purpose rule serverless teams live by).
 */
public sealed interface Trigger {
    /** The longest name of a queue, schedule or rule. */
    int NAME_LENGTH_MAX = 200;
    /** The longest event pattern a rule may carry. */
    int PATTERN_LENGTH_MAX = 4_096;

    /** A short word for the kind of trigger, as the catalog prints it. */
    String kind();

    /** An HTTP route served by the gateway, for example {@code POST /payments}. */
    record Http(String method, String path) implements Trigger {
        public Http {
            Check.notNull(method, "method");
            Check.notNull(path, "path");
            method = method.toUpperCase(Locale.ROOT);
            Check.argument(method.matches("GET|POST|PUT|PATCH|DELETE"),
                    "HTTP method must be one of GET, POST, PUT, PATCH, DELETE, got '%s'", method);
            Check.argument(path.startsWith("/") && path.length() <= NAME_LENGTH_MAX && !path.contains(" "),
                    "HTTP path must start with '/', have no spaces and at most %d characters, got '%s'",
                    NAME_LENGTH_MAX, path);
        }

        @Override
        public String kind() {
            return "http";
        }
    }

    /**
     * A bus rule: milestone events matching {@code pattern} (EventBridge pattern syntax, JSON) run
     * the function.
     */
    record Rule(String name, String pattern) implements Trigger {
        public Rule {
            checkName(name, "rule");
            Check.notNull(pattern, "pattern");
            Check.argument(pattern.strip().startsWith("{") && pattern.length() <= PATTERN_LENGTH_MAX,
                    "rule %s: pattern must be a JSON object of at most %d characters", name, PATTERN_LENGTH_MAX);
        }

        @Override
        public String kind() {
            return "rule";
        }
    }

    /** A durable queue: each message runs the function once it is received. */
    record Queue(String name) implements Trigger {
        public Queue {
            checkName(name, "queue");
        }

        @Override
        public String kind() {
            return "queue";
        }
    }

    /** A schedule: each tick of {@code expression} runs the function once (at least once, tick id as key). */
    record Schedule(String name, ScheduleExpression expression, CatchUpPolicy catchUp) implements Trigger {
        public Schedule {
            checkName(name, "schedule");
            Check.notNull(expression, "expression");
            Check.notNull(catchUp, "catchUp");
        }

        /** A schedule with the default catch-up policy ({@link CatchUpPolicy#DEFAULT}). */
        public static Schedule of(String name, String expression) {
            return new Schedule(name, ScheduleExpression.parse(expression), CatchUpPolicy.DEFAULT);
        }

        @Override
        public String kind() {
            return "schedule";
        }
    }

    private static void checkName(String name, String what) {
        Check.notNull(name, what + " name");
        Check.argument(name.matches("[a-zA-Z0-9._:-]+") && name.length() <= NAME_LENGTH_MAX,
                "%s name must be 1..%d of letters, digits, '.', '_', ':', '-', got '%s'", what, NAME_LENGTH_MAX, name);
    }
}
