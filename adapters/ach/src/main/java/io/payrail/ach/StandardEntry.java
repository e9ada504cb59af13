package io.payrail.ach;

/**
 * The entry detail of every standard SEC code. Positions 40 to 78 are named after PPD; CCD and CTX use the
 * name field for the receiving company (CTX puts its addenda count in the first four characters), WEB and
 * TEL put the payment type code in the discretionary data.
 */
public record StandardEntry(int transactionCode, String receivingDfi, char checkDigit, String accountNumber,
        long amountCents, String identificationNumber, String name, String discretionaryData,
        char addendaIndicator, long traceNumber) implements EntryDetail {

    /** Account numbers and names are personal data: they end up in logs through toString, so they are masked. */
    @Override
    public String toString() {
        return "StandardEntry[transactionCode=" + transactionCode + ", receivingRoutingNumber="
                + receivingRoutingNumber() + ", accountNumber=" + Masking.account(accountNumber)
                + ", amountCents=" + amountCents + ", identificationNumber=" + Masking.account(identificationNumber)
                + ", name=" + Masking.name(name) + ", discretionaryData=" + discretionaryData
                + ", addendaIndicator=" + addendaIndicator + ", traceNumber=" + traceNumber + "]";
    }
}
