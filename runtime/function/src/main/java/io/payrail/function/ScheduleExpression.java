package io.payrail.function;

import io.payrail.platform.Check;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a schedule ticks, written as EventBridge Scheduler writes it: {@code cron(m h dom mon dow)}
 * (five fields, UTC) or {@code rate(5 minutes)}. Rate ticks are aligned on the Unix epoch, so every
 * node computes the same tick times without talking to the others.
 */
public sealed interface ScheduleExpression {
    /** The shortest rate: one second (tests and sub-minute sweeps). */
    Duration RATE_MIN = Duration.ofSeconds(1);
    /** The longest rate: one year. */
    Duration RATE_MAX = Duration.ofDays(366);

    /** The first tick strictly after {@code time}, or empty when there is none (an impossible cron). */
    Optional<Instant> nextAfter(Instant time);

    /** The text this expression was parsed from, normalised. */
    String text();

    record Rate(Duration period) implements ScheduleExpression {
        public Rate {
            Check.notNull(period, "period");
            Check.argument(period.compareTo(RATE_MIN) >= 0 && period.compareTo(RATE_MAX) <= 0
                            && period.toNanos() % 1_000_000_000L == 0,
                    "rate must be whole seconds from %s to %s, got %s", RATE_MIN, RATE_MAX, period);
        }

        @Override
        public Optional<Instant> nextAfter(Instant time) {
            long periodSeconds = period.toSeconds();
            long index = Math.floorDiv(time.getEpochSecond(), periodSeconds) + 1;
            return Optional.of(Instant.ofEpochSecond(index * periodSeconds));
        }

        @Override
        public String text() {
            long seconds = period.toSeconds();
            if (seconds % 86_400 == 0) {
                return plural(seconds / 86_400, "day");
            }
            if (seconds % 3_600 == 0) {
                return plural(seconds / 3_600, "hour");
            }
            if (seconds % 60 == 0) {
                return plural(seconds / 60, "minute");
            }
            return plural(seconds, "second");
        }

        private static String plural(long count, String unit) {
            return "rate(" + count + " " + unit + (count == 1 ? "" : "s") + ")";
        }
    }

    record Cron(CronExpression cron) implements ScheduleExpression {
        public Cron {
            Check.notNull(cron, "cron");
        }

        @Override
        public Optional<Instant> nextAfter(Instant time) {
            return cron.nextAfter(time);
        }

        @Override
        public String text() {
            return "cron(" + cron.text() + ")";
        }
    }

    /** Parses {@code cron(...)} or {@code rate(N unit)}; bad text throws with a message naming the problem. */
    static ScheduleExpression parse(String text) {
        Check.notNull(text, "schedule expression");
        String trimmed = text.strip();
        Matcher rate = RateSyntax.PATTERN.matcher(trimmed);
        if (rate.matches()) {
            return new Rate(RateSyntax.duration(Long.parseLong(rate.group(1)), rate.group(2), trimmed));
        }
        if (trimmed.startsWith("cron(") && trimmed.endsWith(")")) {
            return new Cron(CronExpression.parse(trimmed.substring(5, trimmed.length() - 1)));
        }
        throw new IllegalArgumentException(
                "schedule expression must be cron(m h dom mon dow) or rate(N minutes|hours|days|seconds), got '"
                        + text + "'");
    }

    /** The rate syntax, kept apart so the interface stays readable. */
    final class RateSyntax {
        static final Pattern PATTERN = Pattern.compile("rate\\(\\s*(\\d{1,9})\\s+([a-zA-Z]+)\\s*\\)");

        private RateSyntax() {}

        static Duration duration(long count, String unit, String text) {
            Check.argument(count >= 1, "rate must be at least 1, got '%s'", text);
            String singular = unit.toLowerCase(Locale.ROOT);
            boolean plural = singular.endsWith("s");
            if (plural) {
                singular = singular.substring(0, singular.length() - 1);
            }
            Check.argument(plural == (count != 1),
                    "rate unit must be singular for 1 and plural otherwise ('1 minute', '5 minutes'), got '%s'", text);
            Duration unitDuration = switch (singular) {
                case "second" -> Duration.ofSeconds(1);
                case "minute" -> Duration.ofMinutes(1);
                case "hour" -> Duration.ofHours(1);
                case "day" -> Duration.ofDays(1);
                default -> throw new IllegalArgumentException(
                        "rate unit must be seconds, minutes, hours or days, got '" + text + "'");
            };
            Check.argument(count <= RATE_MAX.toSeconds() / unitDuration.toSeconds(),
                    "rate must be at most %s, got '%s'", RATE_MAX, text);
            return unitDuration.multipliedBy(count);
        }
    }
}
