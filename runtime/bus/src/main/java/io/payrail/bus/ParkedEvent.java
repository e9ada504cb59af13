package io.payrail.bus;

import java.util.UUID;

/**
 * An event a subscription parked: given up after {@code attempts} failed deliveries, or held
 * ({@code attempts} 0) behind an earlier parked event of the same partition key.
 */
public record ParkedEvent(String subscription, long position, String partitionKey, UUID eventId, String eventType,
        int attempts, String reason) {}
