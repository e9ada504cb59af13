package io.payrail.ach;

/** The batch header of every SEC code except IAT (and ADV, which this library does not read). */
public record StandardBatchHeader(int serviceClassCode, String companyName, String companyDiscretionaryData,
        String companyIdentification, String secCode, String companyEntryDescription,
        String companyDescriptiveDate, String effectiveEntryDate, String settlementDate,
        char originatorStatusCode, String originatingDfi, long batchNumber) implements BatchHeader {
}
