package io.payrail.function;

import io.payrail.platform.Check;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A five-field cron expression in UTC: minute, hour, day of month, month, day of week. Each field
 * takes {@code *}, numbers, ranges {@code a-b}, steps {@code * /s}, {@code a-b/s} or {@code a/s},
 * and lists of these joined by commas; months and days of week also take names (JAN, MON). Day of
 * week 0 and 7 are both Sunday.
 *
 * <p>As in Vixie cron, when both day of month and day of week are restricted (neither starts with
 * {@code *}) a day matches when either matches; otherwise both must match.
 *
 * <p>Written here rather than taken from cron-utils: the whole need is this one class (about 150
 * lines, tested field by field), while cron-utils brings several cron dialects, a parser framework and
 * transitive dependencies for it.
 */
public final class CronExpression {
    /** How far ahead the next tick is searched before the expression is declared impossible (Feb 30). */
    public static final int SEARCH_YEARS_MAX = 10;
    /** The longest expression text accepted. */
    public static final int TEXT_LENGTH_MAX = 200;

    private static final List<String> MONTH_NAMES =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final String text;
    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronExpression(String text, String[] fields) {
        this.text = text;
        minutes = CronField.parse(fields[0], "minute", 0, 59, List.of());
        hours = CronField.parse(fields[1], "hour", 0, 23, List.of());
        daysOfMonth = CronField.parse(fields[2], "day of month", 1, 31, List.of());
        months = CronField.parse(fields[3], "month", 1, 12, MONTH_NAMES);
        long weekDays = CronField.parse(fields[4], "day of week", 0, 7, DAY_NAMES);
        daysOfWeek = (weekDays & 0x7FL) | ((weekDays >>> 7) & 1L);
        dayOfMonthRestricted = !fields[2].startsWith("*");
        dayOfWeekRestricted = !fields[4].startsWith("*");
    }

    /** Parses five space-separated fields; bad text throws {@link IllegalArgumentException} naming the field. */
    public static CronExpression parse(String text) {
        Check.notNull(text, "cron expression");
        Check.argument(text.length() <= TEXT_LENGTH_MAX, "cron expression must be at most %d characters", TEXT_LENGTH_MAX);
        String normalised = text.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        String[] fields = normalised.isEmpty() ? new String[0] : normalised.split(" ");
        Check.argument(fields.length == 5,
                "cron expression must have 5 fields (minute hour day-of-month month day-of-week), got %d in '%s'",
                fields.length, text);
        return new CronExpression(normalised, fields);
    }

    public String text() {
        return text;
    }

    /** The first minute strictly after {@code time} that matches, or empty when none within {@link #SEARCH_YEARS_MAX}. */
    public Optional<Instant> nextAfter(Instant time) {
        LocalDateTime candidate = LocalDateTime.ofInstant(time, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime limit = candidate.plusYears(SEARCH_YEARS_MAX);
        while (candidate.isBefore(limit)) {
            if (!has(months, candidate.getMonthValue())) {
                candidate = candidate.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
            } else if (!dayMatches(candidate.toLocalDate())) {
                candidate = candidate.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!has(hours, candidate.getHour())) {
                candidate = candidate.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!has(minutes, candidate.getMinute())) {
                candidate = candidate.plusMinutes(1);
            } else {
                return Optional.of(candidate.toInstant(ZoneOffset.UTC));
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate date) {
        boolean dayOfMonth = has(daysOfMonth, date.getDayOfMonth());
        boolean dayOfWeek = has(daysOfWeek, date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : date.getDayOfWeek().getValue());
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dayOfMonth || dayOfWeek;
        }
        return dayOfMonth && dayOfWeek;
    }

    private static boolean has(long mask, int value) {
        return (mask & (1L << value)) != 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronExpression cron && cron.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
