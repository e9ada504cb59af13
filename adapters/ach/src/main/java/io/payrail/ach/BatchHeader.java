package io.payrail.ach;

/** Record type 5: standard batches and IAT batches have different layouts. */
public sealed interface BatchHeader extends AchRecord permits StandardBatchHeader, IatBatchHeader {
    int serviceClassCode();

    String secCode();

    String companyEntryDescription();

    String effectiveEntryDate();

    String originatingDfi();

    long batchNumber();

    @Override
    default RecordType type() {
        return RecordType.BATCH_HEADER;
    }
}
