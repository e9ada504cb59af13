package io.payrail.ach;

/** Record type 9: the counts, hash and totals of the whole file. */
public record FileControl(long batchCount, long blockCount, long entryAndAddendaCount, long entryHash,
        long totalDebitCents, long totalCreditCents) implements AchRecord {

    @Override
    public RecordType type() {
        return RecordType.FILE_CONTROL;
    }
}
