package io.payrail.ach;

/** Record type 7, told apart by the addenda type code in positions 2 and 3. */
public sealed interface Addenda extends AchRecord
        permits Addenda02, Addenda05, Addenda98, Addenda99, IatAddenda {

    int typeCode();

    @Override
    default RecordType type() {
        return RecordType.ADDENDA;
    }
}
