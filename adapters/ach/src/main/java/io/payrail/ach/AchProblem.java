package io.payrail.ach;

/**
 * One problem found in a NACHA file: where (line, record type, field), why (code and reason), how bad.
 * The reason never contains an account number or a name, so a problem can be logged as it is.
 */
public record AchProblem(long line, RecordType recordType, String field, ProblemCode code, String reason,
        Severity severity) {

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Reads like {@code line 3 (entry detail) field checkDigit: CHECK_DIGIT: ...}. */
    public String describe() {
        return "line " + line + " (" + recordType.label() + ") field " + field + ": " + code + ": " + reason
                + (severity == Severity.WARNING ? " [warning]" : "");
    }

    @Override
    public String toString() {
        return describe();
    }
}
