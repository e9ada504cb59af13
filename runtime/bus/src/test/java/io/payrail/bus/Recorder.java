package io.payrail.bus;

import java.util.ArrayList;
import java.util.List;

/** Collects deliveries from handler threads. */
final class Recorder {
    private final List<Delivery> deliveries = new ArrayList<>();

    synchronized void add(Delivery delivery) {
        deliveries.add(delivery);
    }

    synchronized List<Delivery> all() {
        return List.copyOf(deliveries);
    }

    synchronized int size() {
        return deliveries.size();
    }

    synchronized List<Long> positions() {
        return deliveries.stream().map(Delivery::position).toList();
    }

    synchronized List<Long> positionsOf(String partitionKey) {
        return deliveries.stream().filter(delivery -> delivery.partitionKey().equals(partitionKey))
                .map(Delivery::position).toList();
    }
}
