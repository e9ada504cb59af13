package io.payrail.ach.internal;

import io.payrail.ach.ProblemCode;
import io.payrail.ach.Profile;
import io.payrail.ach.RecordType;
import io.payrail.ach.RoutingNumbers;
import java.time.DateTimeException;
import java.time.LocalDate;

/** Reads the fields of one 94-character record by their 1-based NACHA positions, reporting bad ones. */
public final class LineFields {
    private final String text;
    private final long line;
    private final RecordType type;
    private final Problems problems;
    private final Profile profile;

    public LineFields(String text, long line, RecordType type, Problems problems, Profile profile) {
        this.profile = profile;
        this.text = text;
        this.line = line;
        this.type = type;
        this.problems = problems;
    }

    public Profile profile() {
        return profile;
    }

    public long line() {
        return line;
    }

    public RecordType type() {
        return type;
    }

    public String raw(int start, int length) {
        return text.substring(start - 1, start - 1 + length);
    }

    public char character(int position) {
        return text.charAt(position - 1);
    }

    /** Alphanumeric field, without trailing blanks (one allocation: this runs for every field of every entry). */
    public String text(int start, int length) {
        int end = start - 1 + length;
        while (end > start - 1 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(start - 1, end);
    }

    /** A one-character field that must be one of {@code allowed}. */
    public char characterOneOf(String field, int position, String allowed) {
        char value = character(position);
        if (allowed.indexOf(value) < 0) {
            error(field, ProblemCode.INVALID_VALUE, "'" + value + "' is not one of "
                    + String.join(", ", allowed.chars().mapToObj(Character::toString).toList()));
        }
        return value;
    }

    /** Alphanumeric field that must not be blank. */
    public String required(String field, int start, int length) {
        String value = text(start, length);
        if (value.isBlank()) {
            error(field, ProblemCode.INVALID_VALUE, "is mandatory but blank (positions " + start + "-"
                    + (start + length - 1) + ")");
        }
        return value;
    }

    /** Numeric field: digits only, zero-padded; reports and returns 0 otherwise. */
    public long number(String field, int start, int length) {
        long value = 0;
        for (int index = start - 1; index < start - 1 + length; index++) {
            char character = text.charAt(index);
            if (character < '0' || character > '9') {
                error(field, ProblemCode.NOT_NUMERIC, "must be " + length + " digits (positions " + start + "-"
                        + (start + length - 1) + "), found '" + safe(raw(start, length)) + "'");
                return 0;
            }
            value = value * 10 + (character - '0');
        }
        return value;
    }

    /** Digits kept as text (routing identifiers, whose leading zeros matter). */
    public String digits(String field, int start, int length) {
        number(field, start, length);
        return raw(start, length);
    }

    /** YYMMDD; blank allowed only when {@code blankAllowed}. Returns the raw text. */
    public String date(String field, int start, boolean blankAllowed) {
        String value = raw(start, 6);
        if (blankAllowed && (value.isBlank() || value.equals("000000"))) {
            return value.stripTrailing();
        }
        if (parseDate(value) == null) {
            error(field, ProblemCode.INVALID_DATE, "must be a date YYMMDD, found '" + safe(value) + "'");
        }
        return value;
    }

    /** The eight-digit identifier at {@code start} followed by its check digit. */
    public char routingCheckDigit(String field, String firstEight, int position) {
        char checkDigit = character(position);
        int expected = RoutingNumbers.checkDigit(firstEight);
        if (expected >= 0 && checkDigit != (char) ('0' + expected)) {
            error(field, ProblemCode.CHECK_DIGIT, "routing number " + firstEight + checkDigit
                    + " has check digit '" + safe(String.valueOf(checkDigit)) + "', expected " + expected);
        }
        return checkDigit;
    }

    public void oneOf(String field, String value, String... allowed) {
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return;
            }
        }
        error(field, ProblemCode.INVALID_VALUE, "'" + safe(value) + "' is not one of " + String.join(", ", allowed));
    }

    public void error(String field, ProblemCode code, String reason) {
        problems.error(line, type, field, code, reason);
    }

    public void warning(String field, ProblemCode code, String reason) {
        problems.warning(line, type, field, code, reason);
    }

    /** Null when the text is not a valid YYMMDD date (years 2000-2099, as NACHA files are). */
    public static LocalDate parseDate(String yymmdd) {
        if (yymmdd.length() != 6 || !yymmdd.chars().allMatch(character -> character >= '0' && character <= '9')) {
            return null;
        }
        try {
            return LocalDate.of(2000 + Integer.parseInt(yymmdd, 0, 2, 10), Integer.parseInt(yymmdd, 2, 4, 10),
                    Integer.parseInt(yymmdd, 4, 6, 10));
        } catch (DateTimeException invalid) {
            return null;
        }
    }

    /** Field values quoted in reasons are cut short so a reason never carries a whole name or account. */
    private static String safe(String value) {
        return value.length() > 12 ? value.substring(0, 12) + "..." : value;
    }
}
