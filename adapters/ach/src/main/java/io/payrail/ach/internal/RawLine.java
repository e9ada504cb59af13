package io.payrail.ach.internal;

/**
 * One physical line (or one 94-character record of an unterminated file) as read, before any repair.
 *
 * @param text the characters, one per byte (ISO-8859-1), cut at {@code ReaderOptions.LINE_LENGTH_MAX}
 * @param length the real length in bytes, which may exceed the text kept
 */
public record RawLine(long number, String text, int length, Terminator terminator) {
    public enum Terminator {
        LF,
        CRLF,
        /** The last line of the input had no terminator. */
        END_OF_INPUT,
        /** The file has no line terminators at all: records follow each other every 94 characters. */
        NONE
    }
}
