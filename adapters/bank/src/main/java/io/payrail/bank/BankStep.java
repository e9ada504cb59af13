package io.payrail.bank;

import java.util.List;

/** What one processing step of the simulated bank did. */
public record BankStep(
        List<String> acceptedFiles,
        List<String> rejectedFiles,
        int entriesSettled,
        int entriesReturned,
        int notificationsOfChange,
        List<String> filesWritten) {
    public BankStep {
        acceptedFiles = List.copyOf(acceptedFiles);
        rejectedFiles = List.copyOf(rejectedFiles);
        filesWritten = List.copyOf(filesWritten);
    }
}
