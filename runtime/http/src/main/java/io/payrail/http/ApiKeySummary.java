package io.payrail.http;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as an operator sees it ({@code payrail apikeys list}): its id and visible prefix, never
 * the key nor its hash. {@code revokedAt} is null while the key is live.
 */
public record ApiKeySummary(UUID id, String prefix, String tenantId, Role role, Instant createdAt, Instant revokedAt) {

    public static String format(List<ApiKeySummary> keys) {
        if (keys.isEmpty()) {
            return "no API keys\n";
        }
        String row = "%-36s %-15s %-20s %-6s %-27s %s%n";
        StringBuilder text = new StringBuilder(String.format(row, "ID", "PREFIX", "TENANT", "ROLE", "CREATED", "REVOKED"));
        for (ApiKeySummary key : keys) {
            text.append(String.format(row, key.id(), key.prefix(), key.tenantId(), key.role().wireName(), key.createdAt(),
                    key.revokedAt() == null ? "-" : key.revokedAt()));
        }
        return text.toString();
    }
}
