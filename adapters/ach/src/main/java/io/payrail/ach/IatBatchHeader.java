package io.payrail.ach;

/** The batch header of international (IAT) batches. */
public record IatBatchHeader(int serviceClassCode, String iatIndicator, String foreignExchangeIndicator,
        char foreignExchangeReferenceIndicator, String foreignExchangeReference, String destinationCountryCode,
        String originatorIdentification, String secCode, String companyEntryDescription,
        String originatingCurrencyCode, String destinationCurrencyCode, String effectiveEntryDate,
        String settlementDate, char originatorStatusCode, String originatingDfi, long batchNumber)
        implements BatchHeader {
}
