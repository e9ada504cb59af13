package io.payrail.ach;

/**
 * How strictly the layout of a file is checked. Business rules (counts, hashes, totals, codes) are the
 * same in both profiles; the lenient one only tolerates what banks accept in practice.
 */
public enum Profile {
    /** What the Nacha Operating Rules require: 94-character records, LF terminators, blocks of 10 filled with 9s. */
    STRICT,
    /** Also accepts trimmed trailing spaces, CRLF terminators, trailing blanks beyond 94, empty lines and missing padding. */
    LENIENT
}
