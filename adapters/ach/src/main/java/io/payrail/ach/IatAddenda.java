package io.payrail.ach;

/**
 * The IAT addenda 10 to 18. Their content (names, addresses, institutions) is kept as the text of positions 4
 * to 87; {@link #field(int, int)} reads a sub-field by its NACHA position.
 */
public record IatAddenda(int typeCode, String content, long entrySequenceNumber) implements Addenda {
    /** Positions 4 to 87 of the record. */
    public static final int CONTENT_LENGTH = 84;

    /** A sub-field by its 1-based position in the 94-character record, without trailing blanks. */
    public String field(int start, int length) {
        String padded = content.length() >= CONTENT_LENGTH ? content
                : content + " ".repeat(CONTENT_LENGTH - content.length());
        return padded.substring(start - 4, start - 4 + length).stripTrailing();
    }

    @Override
    public String toString() {
        return "IatAddenda[typeCode=" + typeCode + ", content=" + Masking.text(content)
                + ", entrySequenceNumber=" + entrySequenceNumber + "]";
    }
}
