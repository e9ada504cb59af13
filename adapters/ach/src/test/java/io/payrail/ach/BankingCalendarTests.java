package io.payrail.ach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BankingCalendarTests {
    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void the_federal_reserve_holidays_of_2024_are_the_eleven_published_dates() {
        assertThat(BankingCalendar.holidays(2024)).containsExactly(date("2024-01-01"), date("2024-01-15"),
                date("2024-02-19"), date("2024-05-27"), date("2024-06-19"), date("2024-07-04"), date("2024-09-02"),
                date("2024-10-14"), date("2024-11-11"), date("2024-11-28"), date("2024-12-25"));
    }

    @Test
    void a_holiday_on_sunday_is_observed_the_monday_after() {
        assertThat(BankingCalendar.isBankingDay(date("2023-01-02"))).isFalse();
        assertThat(BankingCalendar.isBankingDay(date("2022-06-20"))).isFalse();
        assertThat(BankingCalendar.isBankingDay(date("2022-12-26"))).isFalse();
    }

    @Test
    void a_holiday_on_saturday_does_not_close_the_friday_before() {
        assertThat(BankingCalendar.isBankingDay(date("2021-12-24"))).isTrue();
        assertThat(BankingCalendar.isBankingDay(date("2020-07-03"))).isTrue();
        assertThat(BankingCalendar.holidays(2021)).doesNotContain(date("2021-12-24"), date("2021-12-25"));
    }

    @Test
    void juneteenth_is_a_holiday_from_2022_only() {
        assertThat(BankingCalendar.isBankingDay(date("2021-06-18"))).isTrue();
        assertThat(BankingCalendar.isBankingDay(date("2023-06-19"))).isFalse();
    }

    @Test
    void an_effective_date_on_a_non_banking_day_settles_on_the_next_banking_day() {
        assertThat(BankingCalendar.settlementDate(date("2024-11-28"))).isEqualTo(date("2024-11-29"));
        assertThat(BankingCalendar.settlementDate(date("2024-08-31"))).isEqualTo(date("2024-09-03"));
        assertThat(BankingCalendar.settlementDate(date("2024-09-04"))).isEqualTo(date("2024-09-04"));
    }

    @Test
    void banking_days_are_counted_forward_and_backward_over_weekends_and_holidays() {
        assertThat(BankingCalendar.addBankingDays(date("2024-12-24"), 1)).isEqualTo(date("2024-12-26"));
        assertThat(BankingCalendar.addBankingDays(date("2024-12-26"), -1)).isEqualTo(date("2024-12-24"));
        assertThat(BankingCalendar.addBankingDays(date("2024-12-27"), 2)).isEqualTo(date("2024-12-31"));
        assertThat(BankingCalendar.nextBankingDay(date("2024-12-31"))).isEqualTo(date("2025-01-02"));
        assertThat(BankingCalendar.earliestEffectiveDate(date("2024-07-03"), false)).isEqualTo(date("2024-07-05"));
        assertThat(BankingCalendar.earliestEffectiveDate(date("2024-07-03"), true)).isEqualTo(date("2024-07-03"));
    }

    @Test
    void an_unbounded_count_of_banking_days_is_refused() {
        assertThatThrownBy(() -> BankingCalendar.addBankingDays(date("2024-01-01"), 1_000_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000000");
    }
}
