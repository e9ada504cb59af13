package io.payrail.ach;

/**
 * Every record of a NACHA file, as a typed value. Text fields are kept without their trailing blanks;
 * the writer pads them back, so a canonical file reads and writes to the same bytes.
 */
public sealed interface AchRecord
        permits FileHeader, FileControl, BatchHeader, BatchControl, EntryDetail, Addenda {

    RecordType type();
}
