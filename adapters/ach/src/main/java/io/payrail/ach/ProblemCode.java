package io.payrail.ach;

/** The exact reason of a problem, so that callers and tests can act on it without parsing text. */
public enum ProblemCode {
    LINE_LENGTH,
    LINE_TERMINATOR,
    EMPTY_LINE,
    NON_ASCII,
    NOT_NUMERIC,
    INVALID_VALUE,
    INVALID_DATE,
    CHECK_DIGIT,
    MISSING_RECORD,
    UNEXPECTED_RECORD,
    COUNT_MISMATCH,
    HASH_MISMATCH,
    TOTAL_MISMATCH,
    SERVICE_CLASS_MISMATCH,
    TRACE_ORDER,
    TRACE_DUPLICATE,
    ADDENDA,
    PADDING,
    UNSUPPORTED,
    ROUTING_UNKNOWN,
    TOO_MANY_PROBLEMS,
    INPUT_OUTPUT
}
