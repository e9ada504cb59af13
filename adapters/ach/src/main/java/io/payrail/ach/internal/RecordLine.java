package io.payrail.ach.internal;

/**
 * A 94-byte record being formatted. Text is left-justified and blank-filled, numbers right-justified and
 * zero-filled. A value that does not fit is a programmer error: the message names the field and the value's length.
 */
public final class RecordLine {
    private final byte[] bytes = new byte[LineSource.RECORD_LENGTH];

    public RecordLine start(char recordType) {
        java.util.Arrays.fill(bytes, (byte) ' ');
        bytes[0] = (byte) recordType;
        return this;
    }

    public RecordLine text(String field, int start, int length, String value) {
        if (value.length() > length) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters; at most " + length
                    + " fit in positions " + start + "-" + (start + length - 1));
        }
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            if (character < 0x20 || character > 0x7E) {
                throw new IllegalArgumentException(field + " has a character that is not printable ASCII at index "
                        + index);
            }
            bytes[start - 1 + index] = (byte) character;
        }
        return this;
    }

    public RecordLine character(String field, int position, char value) {
        return text(field, position, 1, String.valueOf(value));
    }

    public RecordLine number(String field, int start, int length, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + "=" + value + " is negative");
        }
        long remaining = value;
        for (int index = start - 1 + length - 1; index >= start - 1; index--) {
            bytes[index] = (byte) ('0' + remaining % 10);
            remaining /= 10;
        }
        if (remaining != 0) {
            throw new IllegalArgumentException(field + "=" + value + " does not fit in " + length + " digits");
        }
        return this;
    }

    /** Digits kept as text (routing identifiers): must be exactly {@code length} digits. */
    public RecordLine digits(String field, int start, int length, String value) {
        if (value.length() != length || !value.chars().allMatch(character -> character >= '0' && character <= '9')) {
            throw new IllegalArgumentException(field + "='" + value + "' must be " + length + " digits");
        }
        return text(field, start, length, value);
    }

    public byte[] bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
