package io.payrail.ach;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * US banking days as the Federal Reserve settles ACH: no weekends and no Federal Reserve holidays.
 *
 * <p>Observed dates follow the Federal Reserve, not the federal government: a holiday falling on a Sunday is
 * observed on the Monday after, but one falling on a Saturday is not moved to the Friday before (the Reserve
 * Banks are open that Friday). Juneteenth is a holiday from 2022, the first year the Reserve Banks closed.
 */
public final class BankingCalendar {
    /** Searching for the next banking day never needs more than a few days; this bounds the loop. */
    private static final int DAYS_SEARCHED_MAX = 14;
    /** Adding more banking days than this is a programmer error, not a date computation. */
    public static final int BANKING_DAYS_ADDED_MAX = 3_660;
    private static final int JUNETEENTH_FIRST_YEAR = 2022;

    private BankingCalendar() {
    }

    /** The observed Federal Reserve holidays of a year (Saturday holidays are not in the set). */
    public static Set<LocalDate> holidays(int year) {
        Set<LocalDate> holidays = new TreeSet<>();
        addObserved(holidays, LocalDate.of(year, Month.JANUARY, 1));
        holidays.add(nth(year, Month.JANUARY, DayOfWeek.MONDAY, 3));
        holidays.add(nth(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3));
        holidays.add(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        if (year >= JUNETEENTH_FIRST_YEAR) {
            addObserved(holidays, LocalDate.of(year, Month.JUNE, 19));
        }
        addObserved(holidays, LocalDate.of(year, Month.JULY, 4));
        holidays.add(nth(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1));
        holidays.add(nth(year, Month.OCTOBER, DayOfWeek.MONDAY, 2));
        addObserved(holidays, LocalDate.of(year, Month.NOVEMBER, 11));
        holidays.add(nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4));
        addObserved(holidays, LocalDate.of(year, Month.DECEMBER, 25));
        return holidays;
    }

    public static boolean isHoliday(LocalDate date) {
        return holidays(date.getYear()).contains(date);
    }

    public static boolean isBankingDay(LocalDate date) {
        Objects.requireNonNull(date, "date");
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !isHoliday(date);
    }

    /** The date itself when it is a banking day, otherwise the next banking day. */
    public static LocalDate onOrAfter(LocalDate date) {
        LocalDate candidate = date;
        for (int searched = 0; searched < DAYS_SEARCHED_MAX; searched++) {
            if (isBankingDay(candidate)) {
                return candidate;
            }
            candidate = candidate.plusDays(1);
        }
        throw new IllegalStateException("no banking day within " + DAYS_SEARCHED_MAX + " days after " + date);
    }

    public static LocalDate nextBankingDay(LocalDate date) {
        return onOrAfter(date.plusDays(1));
    }

    /** Counts forward (or backward for a negative count) in banking days. */
    public static LocalDate addBankingDays(LocalDate date, int bankingDays) {
        if (Math.abs(bankingDays) > BANKING_DAYS_ADDED_MAX) {
            throw new IllegalArgumentException("bankingDays=" + bankingDays + " exceeds " + BANKING_DAYS_ADDED_MAX);
        }
        LocalDate current = date;
        int step = bankingDays >= 0 ? 1 : -1;
        for (int remaining = Math.abs(bankingDays); remaining > 0; ) {
            current = current.plusDays(step);
            if (isBankingDay(current)) {
                remaining--;
            }
        }
        return current;
    }

    /**
     * The settlement date of an entry: its effective entry date when that is a banking day, otherwise the next
     * banking day (Nacha Operating Rules: an effective date on a non-banking day settles the next banking day).
     */
    public static LocalDate settlementDate(LocalDate effectiveEntryDate) {
        return onOrAfter(effectiveEntryDate);
    }

    /** The earliest effective date for an entry sent on a day: same day for same-day ACH, otherwise next banking day. */
    public static LocalDate earliestEffectiveDate(LocalDate submissionDate, boolean sameDay) {
        return sameDay ? onOrAfter(submissionDate) : nextBankingDay(submissionDate);
    }

    private static void addObserved(Set<LocalDate> holidays, LocalDate actual) {
        if (actual.getDayOfWeek() == DayOfWeek.SUNDAY) {
            holidays.add(actual.plusDays(1));
        } else if (actual.getDayOfWeek() != DayOfWeek.SATURDAY) {
            holidays.add(actual);
        }
    }

    private static LocalDate nth(int year, Month month, DayOfWeek day, int ordinal) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(ordinal, day));
    }
}
