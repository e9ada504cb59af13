package io.payrail.ach;

/** The NACHA record types, named by the character in position 1 of each 94-character record. */
public enum RecordType {
    FILE_HEADER('1', "file header"),
    BATCH_HEADER('5', "batch header"),
    ENTRY_DETAIL('6', "entry detail"),
    ADDENDA('7', "addenda"),
    BATCH_CONTROL('8', "batch control"),
    FILE_CONTROL('9', "file control"),
    PADDING('9', "block padding"),
    /** A line whose first character is not a NACHA record type, or a problem with the file as a whole. */
    UNKNOWN('?', "unknown record");

    private final char code;
    private final String label;

    RecordType(char code, String label) {
        this.code = code;
        this.label = label;
    }

    public char code() {
        return code;
    }

    public String label() {
        return label;
    }
}
