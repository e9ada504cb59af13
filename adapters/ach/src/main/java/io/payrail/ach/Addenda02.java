package io.payrail.ach;

/**
 * Point-of-sale terminal information (POS, SHR, MTE). Positions 4 to 79 are kept as text;
 * {@link #field(int, int)} reads a sub-field (terminal identification at 14, city at 63, state at 78...).
 */
public record Addenda02(String terminalInformation, long traceNumber) implements Addenda {
    /** Positions 4 to 79 of the record. */
    public static final int CONTENT_LENGTH = 76;

    @Override
    public int typeCode() {
        return 2;
    }

    /** A sub-field by its 1-based position in the 94-character record, without trailing blanks. */
    public String field(int start, int length) {
        String padded = terminalInformation + " ".repeat(CONTENT_LENGTH - terminalInformation.length());
        return padded.substring(start - 4, start - 4 + length).stripTrailing();
    }

    @Override
    public String toString() {
        return "Addenda02[terminalInformation=" + Masking.text(terminalInformation) + ", traceNumber="
                + traceNumber + "]";
    }
}
