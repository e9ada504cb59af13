package io.payrail.bank;

import java.time.LocalDate;

/**
 * One entry of an ACH file as the simulated bank needs it. {@code accountNumber} is personal data:
 * never log it; {@link #maskedAccount()} is the form for reports and logs.
 */
public record AchEntrySummary(
        int batchNumber,
        String companyName,
        String companyIdentification,
        String standardEntryClass,
        String entryDescription,
        LocalDate effectiveDate,
        String originatingDfi,
        int transactionCode,
        String receivingDfiRouting,
        String accountNumber,
        long amountMinor,
        String individualIdentification,
        String individualName,
        String traceNumber) {

    /** True for credits to the receiver (codes 21-24, 31-34, 41-44, 51-54). */
    public boolean paysTheReceiver() {
        int lastDigit = transactionCode % 10;
        return lastDigit >= 1 && lastDigit <= 4;
    }

    public String maskedAccount() {
        String trimmed = accountNumber.strip();
        return trimmed.length() <= 4 ? "****" : "****" + trimmed.substring(trimmed.length() - 4);
    }

    @Override
    public String toString() {
        return "AchEntrySummary[trace=" + traceNumber + ", transactionCode=" + transactionCode + ", account="
                + maskedAccount() + ", amountMinor=" + amountMinor + ", effectiveDate=" + effectiveDate + "]";
    }
}
