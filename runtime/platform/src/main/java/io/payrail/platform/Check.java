package io.payrail.platform;

/**
 * Always-on checks for programmer errors. A failed check is a bug, never a business outcome, so it
 * throws at once with the offending values in the message (TigerBeetle's and Caffeine's habit).
 */
public final class Check {
    private Check() {}

    /** Fails with {@link IllegalStateException} when {@code condition} is false. */
    public static void that(boolean condition, String messageFormat, Object... values) {
        if (!condition) {
            throw new IllegalStateException(String.format(messageFormat, values));
        }
    }

    /** Fails with {@link IllegalArgumentException} when an argument is out of its domain. */
    public static void argument(boolean condition, String messageFormat, Object... values) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(messageFormat, values));
        }
    }

    /** Returns {@code value}, failing with the argument's name when it is null. */
    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }
}
