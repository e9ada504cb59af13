package io.payrail.bank.internal;

import io.payrail.bank.Acknowledgment;
import io.payrail.bank.BankStep;
import io.payrail.bank.FileProtectionException;
import io.payrail.bank.FileValidation;
import io.payrail.bank.SimulatedBankSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One deterministic step of the simulated bank, as an ODFI works: pick up the complete files in the
 * inbound folder and delete them (files under a temporary name are not complete yet), reject
 * duplicates and invalid files, acknowledge each file, then settle entries due by the step's time
 * and write returns, notifications of change and the reports of finished days.
 */
public final class BankProcessor {
    public static final int FILES_PER_STEP_MAX = 100;

    private final SimulatedBankSettings settings;
    private final Path inbound;
    private final Path outbound;
    private final BankBook book;
    private final Settlement settlement;

    public BankProcessor(SimulatedBankSettings settings, Path inbound, Path outbound, BankBook book) {
        this.settings = settings;
        this.inbound = inbound;
        this.outbound = outbound;
        this.book = book;
        this.settlement = new Settlement(settings, book, this::writeOutbound);
    }

    public BankStep step(Instant now) {
        List<String> accepted = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (Path file : completeInboundFiles()) {
            Acknowledgment acknowledgment = pickUp(file);
            (acknowledgment.status() == Acknowledgment.Status.ACCEPTED ? accepted : rejected).add(acknowledgment.fileName());
            String name = "ACK_" + acknowledgment.fileName() + ".txt";
            writeOutbound(name, acknowledgment.format().getBytes(StandardCharsets.UTF_8));
            written.add(name);
        }
        Settlement.Result settled = settlement.settleUntil(now.atZone(ZoneOffset.UTC).toLocalDateTime());
        written.addAll(settled.filesWritten());
        book.save();
        return new BankStep(accepted, rejected, settled.settled(), settled.returned(), settled.changed(), written);
    }

    private List<Path> completeInboundFiles() {
        try (Stream<Path> files = Files.list(inbound)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .filter(file -> !file.getFileName().toString().endsWith(Uploader.TEMPORARY_SUFFIX))
                    .sorted().limit(FILES_PER_STEP_MAX).toList();
        } catch (IOException failure) {
            throw new UncheckedIOException("the simulated bank could not list " + inbound + ": " + failure.getMessage(), failure);
        }
    }

    /** Reads and deletes one file (as real banks do), then decides whether it is accepted. */
    private Acknowledgment pickUp(Path file) {
        String name = file.getFileName().toString();
        byte[] wire;
        try {
            wire = Files.readAllBytes(file);
            Files.delete(file);
        } catch (IOException failure) {
            throw new UncheckedIOException("the simulated bank could not pick up " + file + ": " + failure.getMessage(), failure);
        }
        String sha256 = Hashes.sha256(wire);
        if (!book.processedSha256.add(sha256)) {
            return rejected(name, sha256, "duplicate file: a file with SHA-256 " + sha256 + " was already processed");
        }
        byte[] content;
        try {
            content = settings.protection().unprotect(wire);
        } catch (FileProtectionException unreadable) {
            return rejected(name, sha256, "unreadable: " + unreadable.getMessage());
        }
        return switch (settings.validator().validate(content)) {
            case FileValidation.Rejected invalid -> new Acknowledgment(name, sha256, Acknowledgment.Status.REJECTED, invalid.reasons());
            case FileValidation.Accepted valid -> {
                if (!book.processedFileKeys.add(valid.summary().duplicateKey())) {
                    yield rejected(name, sha256, "duplicate file: origin/creation date/file id modifier "
                            + valid.summary().duplicateKey() + " was already processed");
                }
                valid.summary().entries().forEach(entry -> book.pending.add(new BankBook.PendingEntry(entry)));
                yield new Acknowledgment(name, sha256, Acknowledgment.Status.ACCEPTED, List.of());
            }
        };
    }

    private static Acknowledgment rejected(String name, String sha256, String reason) {
        return new Acknowledgment(name, sha256, Acknowledgment.Status.REJECTED, List.of(reason));
    }

    /** Files appear in the outbound folder all at once: written under a temporary name, then renamed. */
    private void writeOutbound(String name, byte[] plaintext) {
        byte[] wire = settings.protection().protect(plaintext);
        Path temporary = outbound.resolve(name + Uploader.TEMPORARY_SUFFIX);
        try {
            Files.write(temporary, wire);
            Files.move(temporary, outbound.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException failure) {
            throw new UncheckedIOException("the simulated bank could not write " + name + ": " + failure.getMessage(), failure);
        }
    }
}
