package io.payrail.ach;

/** An error makes a file invalid; a warning is reported but the file stays valid. */
public enum Severity {
    ERROR,
    WARNING
}
