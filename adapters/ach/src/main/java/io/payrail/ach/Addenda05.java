package io.payrail.ach;

/** Payment-related information (CCD, CTX, PPD, WEB...). */
public record Addenda05(String paymentInformation, int sequenceNumber, long entrySequenceNumber) implements Addenda {
    @Override
    public int typeCode() {
        return 5;
    }

    @Override
    public String toString() {
        return "Addenda05[paymentInformation=" + Masking.text(paymentInformation) + ", sequenceNumber="
                + sequenceNumber + ", entrySequenceNumber=" + entrySequenceNumber + "]";
    }
}
