package io.payrail.ach;

/**
 * Record type 1. The record size (094), blocking factor (10) and format code (1) are constants of the format.
 *
 * @param immediateDestination ten characters: a blank and a routing number, or ten digits
 * @param creationDate YYMMDD
 * @param creationTime HHMM, may be blank
 */
public record FileHeader(String priorityCode, String immediateDestination, String immediateOrigin,
        String creationDate, String creationTime, char fileIdModifier, String destinationName,
        String originName, String referenceCode) implements AchRecord {

    @Override
    public RecordType type() {
        return RecordType.FILE_HEADER;
    }
}
