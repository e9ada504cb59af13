package io.payrail.bank.internal;

import io.payrail.bank.AchEntrySummary;
import io.payrail.platform.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The simulated bank's memory, kept in {@code state.json} next to its SFTP root so a restart of
 * {@code ./payrail run} still rejects duplicates and still settles pending entries. Saved after every
 * processing step (write to a temporary file, then an atomic move).
 */
public final class BankBook {
    /** Entries accepted and waiting for their effective date. */
    public record PendingEntry(AchEntrySummary entry) {}

    /** An entry settled on {@code date}, for that day's report; {@code outcome} is SETTLED, Rnn or Cnn. */
    public record SettledEntry(LocalDate date, AchEntrySummary entry, String outcome) {}

    public record State(Set<String> processedSha256, Set<String> processedFileKeys, List<PendingEntry> pending,
            List<SettledEntry> settledUnreported, LocalDate lastReportedDate, int fileSequence) {}

    private final Path file;
    final Set<String> processedSha256;
    final Set<String> processedFileKeys;
    final List<PendingEntry> pending;
    final List<SettledEntry> settledUnreported;
    LocalDate lastReportedDate;
    int fileSequence;

    private BankBook(Path file, State state) {
        this.file = file;
        this.processedSha256 = new LinkedHashSet<>(state.processedSha256());
        this.processedFileKeys = new LinkedHashSet<>(state.processedFileKeys());
        this.pending = new ArrayList<>(state.pending());
        this.settledUnreported = new ArrayList<>(state.settledUnreported());
        this.lastReportedDate = state.lastReportedDate();
        this.fileSequence = state.fileSequence();
    }

    public static BankBook load(Path file) {
        if (!Files.exists(file)) {
            return new BankBook(file, new State(Set.of(), Set.of(), List.of(), List.of(), null, 0));
        }
        try {
            return new BankBook(file, Json.mapper().readValue(file.toFile(), State.class));
        } catch (IOException failure) {
            throw new UncheckedIOException("the simulated bank's state " + file + " is unreadable: " + failure.getMessage(), failure);
        }
    }

    public void save() {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Json.mapper().writeValue(temporary.toFile(), new State(processedSha256, processedFileKeys, pending,
                    settledUnreported, lastReportedDate, fileSequence));
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException failure) {
            throw new UncheckedIOException("could not save the simulated bank's state: " + failure.getMessage(), failure);
        }
    }

    int nextSequence() {
        return ++fileSequence;
    }
}
