package io.payrail.bank;

import java.time.LocalDate;
import java.util.List;

/** What the simulated bank keeps of an accepted ACH file: its identity and its entries. */
public record AchFileSummary(
        String immediateDestination,
        String immediateOrigin,
        LocalDate creationDate,
        String fileIdModifier,
        List<AchEntrySummary> entries) {
    public AchFileSummary {
        entries = List.copyOf(entries);
    }

    /** NACHA's duplicate-file key: the same origin, creation date and file id modifier is the same file. */
    public String duplicateKey() {
        return immediateOrigin.strip() + "/" + creationDate + "/" + fileIdModifier;
    }
}
