package io.payrail.ach;

/** Record type 8: the counts, hash and totals of one batch. */
public record BatchControl(int serviceClassCode, long entryAndAddendaCount, long entryHash, long totalDebitCents,
        long totalCreditCents, String companyIdentification, String messageAuthenticationCode,
        String originatingDfi, long batchNumber) implements AchRecord {

    @Override
    public RecordType type() {
        return RecordType.BATCH_CONTROL;
    }
}
