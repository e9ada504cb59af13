package io.payrail.bank;

import java.time.Instant;
import java.util.UUID;

/**
 * What Payrail knows about one file sent to or received from the bank. {@code sha256} and
 * {@code sizeBytes} describe the bytes on the wire (encrypted when PGP is on); {@code contentSha256}
 * the plaintext. Times are null until the step happened.
 */
public record BankFileRecord(
        UUID id,
        FileDirection direction,
        String fileName,
        BankFileKind kind,
        BankFileState state,
        String sha256,
        Long sizeBytes,
        String contentSha256,
        int attempts,
        String archivePath,
        String detail,
        Instant createdAt,
        Instant updatedAt,
        Instant transferStartedAt,
        Instant transferFinishedAt,
        Instant acknowledgedAt) {}
