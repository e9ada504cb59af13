package io.payrail.bank;

import io.payrail.platform.Check;

/**
 * An entry the receiving bank sends back: a return ({@code R01}...: addenda 99, money comes back) or
 * a notification of change ({@code C01}...: addenda 98, zero amount, corrected data to use next time).
 */
public record ReturnedEntry(AchEntrySummary original, String code, String correctedData) {
    public ReturnedEntry {
        Check.notNull(original, "original");
        Check.argument(code != null && code.matches("[RC][0-9]{2}"), "return or change code must be Rnn or Cnn, got %s", code);
        Check.argument(!isNotificationOfChange(code) || (correctedData != null && !correctedData.isBlank()),
                "a notification of change needs corrected data");
        correctedData = correctedData == null ? "" : correctedData;
    }

    public boolean isNotificationOfChange() {
        return isNotificationOfChange(code);
    }

    private static boolean isNotificationOfChange(String code) {
        return code.startsWith("C");
    }
}
