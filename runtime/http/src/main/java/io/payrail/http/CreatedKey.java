package io.payrail.http;

import java.time.Instant;
import java.util.UUID;

/**
 * A new API key. {@code plainTextKey} exists only here: the database keeps its SHA-256 hash, so
 * the key is shown once and cannot be recovered, only revoked and replaced.
 */
public record CreatedKey(UUID id, String plainTextKey, String prefix, String tenantId, Role role, Instant createdAt) {
    @Override
    public String toString() {
        // Keeps the secret out of logs that print the record.
        return "CreatedKey[id=" + id + ", prefix=" + prefix + ", tenantId=" + tenantId + ", role=" + role + "]";
    }
}
