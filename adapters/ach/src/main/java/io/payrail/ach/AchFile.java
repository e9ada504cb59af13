package io.payrail.ach;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A whole NACHA file in memory. For large files use {@link AchReader} and {@link AchWriter}, which stream. */
public record AchFile(FileHeader header, List<Batch> batches, Optional<FileControl> control) {
    public AchFile {
        Objects.requireNonNull(header, "header");
        batches = List.copyOf(batches);
        Objects.requireNonNull(control, "control");
    }

    public static AchFile of(FileHeader header, List<Batch> batches) {
        return new AchFile(header, batches, Optional.empty());
    }

    public long entryCount() {
        return batches.stream().mapToLong(batch -> batch.entries().size()).sum();
    }
}
