package io.payrail.bank.internal;

import io.payrail.bank.Acknowledgment;
import io.payrail.bank.BankConnectionException;
import io.payrail.bank.BankFileKind;
import io.payrail.bank.BankFileRecord;
import io.payrail.bank.BankFileState;
import io.payrail.bank.FileProtection;
import io.payrail.bank.FileProtectionException;
import io.payrail.bank.InboundFile;
import io.payrail.platform.IdGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.sshd.sftp.client.SftpClient;

/**
 * Fetches the files the bank has put in its download folder. Each file is recorded before the
 * download ({@code receiving}) and after it ({@code received} with its hash and archive path), so a
 * file the bank later deletes can still be traced. Files still under a temporary name are left alone;
 * a file already received (same name, size and time) is not fetched again; a download that dies
 * half-way is forgotten and restarted on the next poll. Acknowledgments settle outbound records.
 */
public final class Downloader {
    public static final int FILES_PER_POLL_MAX = 100;
    public static final int FILE_BYTES_MAX = 64 * 1024 * 1024;

    private final SftpConnector connector;
    private final String downloadPath;
    private final FileJournal journal;
    private final LocalArchive archive;
    private final FileProtection protection;
    private final Clock clock;
    private final IdGenerator ids;

    public Downloader(SftpConnector connector, String downloadPath, FileJournal journal, LocalArchive archive,
            FileProtection protection, Clock clock, IdGenerator ids) {
        this.connector = connector;
        this.downloadPath = downloadPath;
        this.journal = journal;
        this.archive = archive;
        this.protection = protection;
        this.clock = clock;
        this.ids = ids;
    }

    /** Receives up to {@link #FILES_PER_POLL_MAX} new files, oldest name first. */
    public List<InboundFile> receive() {
        List<InboundFile> received = new ArrayList<>();
        try (SftpConnection connection = connector.open()) {
            List<SftpClient.DirEntry> entries;
            try {
                entries = newEntries(connection.sftp());
            } catch (IOException failure) {
                throw new BankConnectionException("could not list " + downloadPath + " at the bank: "
                        + SftpConnector.describe(failure), failure);
            }
            for (SftpClient.DirEntry entry : entries) {
                try {
                    receiveOne(connection.sftp(), entry).ifPresent(received::add);
                } catch (IOException failure) {
                    // Files already received stay recorded (see BankFileTransfer.unprocessed); this one restarts next poll.
                    throw new BankConnectionException("download of " + entry.getFilename() + " failed after "
                            + received.size() + " other file(s): " + SftpConnector.describe(failure), failure);
                }
            }
        }
        return received;
    }

    private List<SftpClient.DirEntry> newEntries(SftpClient sftp) throws IOException {
        List<SftpClient.DirEntry> entries = new ArrayList<>();
        for (SftpClient.DirEntry entry : sftp.readDir(downloadPath)) {
            String name = entry.getFilename();
            if (entry.getAttributes().isRegularFile() && !name.startsWith(".") && !name.endsWith(Uploader.TEMPORARY_SUFFIX)) {
                entries.add(entry);
            }
        }
        entries.sort(Comparator.comparing(SftpClient.DirEntry::getFilename));
        List<SftpClient.DirEntry> fresh = new ArrayList<>();
        for (SftpClient.DirEntry entry : entries) {
            if (fresh.size() < FILES_PER_POLL_MAX && isNew(entry)) {
                fresh.add(entry);
            }
        }
        return fresh;
    }

    private boolean isNew(SftpClient.DirEntry entry) {
        Optional<BankFileRecord> seen = journal.findInboundListing(entry.getFilename(), entry.getAttributes().getSize(),
                modifiedAt(entry));
        if (seen.isPresent() && seen.get().state() == BankFileState.RECEIVING) {
            journal.abandonInbound(seen.get().id());
            return true;
        }
        return seen.isEmpty();
    }

    private Optional<InboundFile> receiveOne(SftpClient sftp, SftpClient.DirEntry entry) throws IOException {
        String name = entry.getFilename();
        long listedSize = entry.getAttributes().getSize();
        if (listedSize > FILE_BYTES_MAX) {
            throw new BankConnectionException("inbound file " + name + " has " + listedSize + " bytes, over the limit of " + FILE_BYTES_MAX);
        }
        UUID id = ids.next();
        BankFileKind kind = BankFileKind.ofInboundName(name);
        journal.insertInbound(id, name, kind, listedSize, modifiedAt(entry), clock.instant());
        byte[] wire;
        try (InputStream in = sftp.read(downloadPath + "/" + name)) {
            wire = in.readNBytes(FILE_BYTES_MAX + 1);
        } catch (IOException failure) {
            journal.abandonInbound(id);
            throw failure;
        }
        String sha256 = Hashes.sha256(wire);
        if (wire.length != listedSize || journal.inboundReceived(name, sha256)) {
            // Still being written by the bank, or a copy of a file we already hold: not a new file.
            journal.abandonInbound(id);
            return Optional.empty();
        }
        Path archived = archive.inboundPath(id, name);
        archive.write(archived, wire);
        return Optional.of(complete(id, kind, wire, sha256, archived));
    }

    private InboundFile complete(UUID id, BankFileKind kind, byte[] wire, String sha256, Path archived) {
        byte[] content;
        try {
            content = protection.unprotect(wire);
        } catch (FileProtectionException unreadable) {
            BankFileRecord record = journal.completeInbound(id, sha256, wire.length, null, archived.toString(),
                    BankFileState.UNREADABLE, unreadable.getMessage(), clock.instant());
            return new InboundFile(record, new byte[0]);
        }
        String detail = kind == BankFileKind.ACKNOWLEDGMENT ? settleAcknowledgment(content) : "received";
        BankFileRecord record = journal.completeInbound(id, sha256, wire.length, Hashes.sha256(content),
                archived.toString(), BankFileState.RECEIVED, detail, clock.instant());
        return new InboundFile(record, content);
    }

    /** Moves the acknowledged outbound file to acknowledged or rejected; returns what happened, for the record. */
    private String settleAcknowledgment(byte[] content) {
        Acknowledgment acknowledgment;
        try {
            acknowledgment = Acknowledgment.parse(new String(content, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException unreadable) {
            return "acknowledgment not understood: " + unreadable.getMessage();
        }
        Optional<BankFileRecord> outbound = journal.findOutboundBySha256(acknowledgment.sha256());
        if (outbound.isEmpty() && journal.findOutbound(acknowledgment.fileName()).isPresent()) {
            // Same name, other content: settling on the name alone could mark the wrong file as sent.
            return "acknowledgment for " + acknowledgment.fileName() + " carries a SHA-256 that differs from the file"
                    + " Payrail sent under that name; not settled, an operator must decide";
        }
        if (outbound.isEmpty()) {
            return "acknowledgment for a file Payrail did not record: " + acknowledgment.fileName();
        }
        BankFileState to = acknowledgment.status() == Acknowledgment.Status.ACCEPTED
                ? BankFileState.ACKNOWLEDGED : BankFileState.REJECTED;
        String reasons = acknowledgment.reasons().isEmpty() ? "" : ": " + String.join("; ", acknowledgment.reasons());
        var moved = journal.move(outbound.get().id(),
                Set.of(BankFileState.SENT, BankFileState.OUTCOME_UNKNOWN, BankFileState.RENAME_REQUESTED),
                to, "bank " + acknowledgment.status().name().toLowerCase(java.util.Locale.ROOT) + reasons, false, clock.instant());
        return moved.map(file -> "acknowledgment: " + file.fileName() + " is " + file.state().code())
                .orElse("acknowledgment for " + outbound.get().fileName() + " in state " + outbound.get().state().code());
    }

    private static Instant modifiedAt(SftpClient.DirEntry entry) {
        var time = entry.getAttributes().getModifyTime();
        return time == null ? null : time.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
