package io.payrail.ach;

/** The entry detail of an IAT batch. */
public record IatEntry(int transactionCode, String receivingDfi, char checkDigit, int addendaCount,
        long amountCents, String foreignAccountNumber, char gatewayOfacIndicator, char secondaryOfacIndicator,
        char addendaIndicator, long traceNumber) implements EntryDetail {

    @Override
    public String toString() {
        return "IatEntry[transactionCode=" + transactionCode + ", receivingRoutingNumber="
                + receivingRoutingNumber() + ", addendaCount=" + addendaCount + ", amountCents=" + amountCents
                + ", foreignAccountNumber=" + Masking.account(foreignAccountNumber) + ", gatewayOfacIndicator="
                + gatewayOfacIndicator + ", secondaryOfacIndicator=" + secondaryOfacIndicator
                + ", addendaIndicator=" + addendaIndicator + ", traceNumber=" + traceNumber + "]";
    }
}
