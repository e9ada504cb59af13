package io.payrail.ach;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A batch: its header, entries and control. The control is optional when building a batch to write: the writer
 * computes it.
 */
public record Batch(BatchHeader header, List<Entry> entries, Optional<BatchControl> control) {
    public Batch {
        Objects.requireNonNull(header, "header");
        entries = List.copyOf(entries);
        Objects.requireNonNull(control, "control");
    }

    public static Batch of(BatchHeader header, List<Entry> entries) {
        return new Batch(header, entries, Optional.empty());
    }
}
