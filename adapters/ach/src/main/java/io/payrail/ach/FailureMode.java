package io.payrail.ach;

/** Whether reading stops at the first error or collects all of them (up to {@link ReaderOptions#PROBLEMS_MAX}). */
public enum FailureMode {
    STOP_AT_FIRST,
    COLLECT_ALL
}
