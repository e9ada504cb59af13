package io.payrail.queue;

import io.payrail.platform.Check;
import java.util.regex.Pattern;

/** Validation of the identifiers a queue stores (queue names, tenants, groups, deduplication ids). */
final class Names {
    private static final Pattern QUEUE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    // Printable ASCII without spaces: sorts the same in Java and under the "C" collation of the tables.
    private static final Pattern KEY = Pattern.compile("[!-~]+");

    private Names() {}

    static String queueName(String name) {
        Check.argument(name != null && !name.isEmpty(), "queue name is missing");
        Check.argument(name.length() <= QueueLimits.NAME_CHARS_MAX && QUEUE_NAME.matcher(name).matches(),
                "queue name must be 1 to %d lowercase letters, digits, '.', '_' or '-' starting with a letter or digit: '%s'",
                QueueLimits.NAME_CHARS_MAX, name);
        return name;
    }

    static String key(String value, String what) {
        Check.argument(value != null && !value.isEmpty(), "%s is missing", what);
        Check.argument(value.length() <= QueueLimits.KEY_CHARS_MAX && KEY.matcher(value).matches(),
                "%s must be 1 to %d printable ASCII characters without spaces: '%s'", what, QueueLimits.KEY_CHARS_MAX, value);
        return value;
    }

    static String optionalKey(String value, String what) {
        return value == null ? null : key(value, what);
    }
}
