package io.payrail.bank;

import io.payrail.bank.internal.Downloader;
import io.payrail.bank.internal.FileJournal;
import io.payrail.bank.internal.Hashes;
import io.payrail.bank.internal.LocalArchive;
import io.payrail.bank.internal.PinnedHostKeyVerifier;
import io.payrail.bank.internal.SftpConnector;
import io.payrail.bank.internal.Uploader;
import io.payrail.platform.Check;
import io.payrail.platform.IdGenerator;
import io.payrail.platform.Transactions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Payrail's side of the bank connection: sends files (temporary name, then rename), receives the
 * bank's files, and records every file in the database before and after each transfer.
 *
 * <p>Transfers of one instance run one at a time. Run one instance per bank on one node (under the
 * scheduler's lease): the journal's compare-and-set stops two nodes from both finishing the same
 * step, but not from both writing the same temporary file.
 */
public final class BankFileTransfer implements AutoCloseable {
    public static final int FILE_NAME_LENGTH_MAX = 100;
    public static final int OUTBOUND_FILE_BYTES_MAX = 64 * 1024 * 1024;
    public static final int RECOVERY_BATCH_MAX = 1_000;
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final SftpConnector connector;
    private final FileJournal journal;
    private final LocalArchive archive;
    private final FileProtection protection;
    private final Clock clock;
    private final IdGenerator ids;
    private final Uploader uploader;
    private final Downloader downloader;

    public BankFileTransfer(BankConnectionSettings settings, Transactions transactions, Path archiveDirectory,
            FileProtection protection, Clock clock, IdGenerator ids) {
        this.connector = new SftpConnector(settings.address(), SshKeys.read(settings.privateKeyFile()),
                new PinnedHostKeyVerifier(settings.address().host(), settings.address().port(), settings.hostKeyPinning()));
        this.journal = new FileJournal(transactions);
        this.archive = new LocalArchive(archiveDirectory);
        this.protection = Check.notNull(protection, "protection");
        this.clock = Check.notNull(clock, "clock");
        this.ids = Check.notNull(ids, "ids");
        this.uploader = new Uploader(connector, settings.uploadPath(), journal, archive, clock);
        this.downloader = new Downloader(connector, settings.downloadPath(), journal, archive, protection, clock, ids);
    }

    /**
     * Sends {@code content} as {@code fileName}, at most once: the name is the file's identity, so
     * calling again after any outcome is safe and never sends a second copy.
     */
    public synchronized UploadResult upload(String fileName, BankFileKind kind, byte[] content) {
        checkFileName(fileName);
        Check.argument(content.length > 0 && content.length <= OUTBOUND_FILE_BYTES_MAX,
                "file %s has %d bytes; it must have 1..%d", fileName, content.length, OUTBOUND_FILE_BYTES_MAX);
        String contentSha256 = Hashes.sha256(content);
        BankFileRecord record = journal.findOutbound(fileName).orElseGet(() -> prepare(fileName, kind, content, contentSha256));
        if (!record.contentSha256().equals(contentSha256)) {
            return new UploadResult.ConflictingContent(record, contentSha256);
        }
        return switch (record.state()) {
            case PREPARED, UPLOADING, NOT_SENT -> uploader.send(record);
            case RENAME_REQUESTED -> new UploadResult.OutcomeUnknown(markUnknown(record));
            case OUTCOME_UNKNOWN -> new UploadResult.OutcomeUnknown(record);
            case SENT, ACKNOWLEDGED, REJECTED -> new UploadResult.AlreadySent(record);
            case RECEIVING, RECEIVED, PROCESSED, UNREADABLE -> throw new IllegalStateException(
                    "outbound file " + fileName + " is in inbound state " + record.state());
        };
    }

    /**
     * Fetches the bank's new files into the archive and the journal (acknowledgments settle the files
     * they acknowledge) and returns them. Consumers that must not miss a file (a crash can strike
     * between this call and their processing) read {@link #unprocessed(int)} and call
     * {@link #markProcessed(UUID)} instead of relying on this return value.
     */
    public synchronized List<InboundFile> receive() {
        return downloader.receive();
    }

    /** Received files not yet marked processed, oldest first, with their plaintext read back from the archive. */
    public List<InboundFile> unprocessed(int limit) {
        return journal.list(FileDirection.INBOUND, Set.of(BankFileState.RECEIVED), limit).stream()
                .map(record -> new InboundFile(record, protection.unprotect(archive.read(Path.of(record.archivePath())))))
                .toList();
    }

    /** A consumer finished with a received file; returns false when it was not waiting (already processed). */
    public boolean markProcessed(UUID id) {
        return journal.move(id, Set.of(BankFileState.RECEIVED), BankFileState.PROCESSED, "processed", false, clock.instant())
                .isPresent();
    }

    /**
     * After a restart: a file left in {@code rename_requested} may or may not be at the bank, so it
     * becomes {@code outcome_unknown}. Returns the files marked.
     */
    public synchronized List<BankFileRecord> recover() {
        return journal.list(FileDirection.OUTBOUND, Set.of(BankFileState.RENAME_REQUESTED), RECOVERY_BATCH_MAX)
                .stream().map(this::markUnknown).toList();
    }

    /** An operator confirmed with the bank that the file arrived. */
    public BankFileRecord resolveAsSent(String fileName, String operatorNote) {
        return UnknownOutcomes.resolveAsSent(journal, clock.instant(), fileName, operatorNote);
    }

    /** An operator confirmed with the bank that the file did not arrive; the next upload sends it again. */
    public BankFileRecord resolveAsNotSent(String fileName, String operatorNote) {
        return UnknownOutcomes.resolveAsNotSent(journal, clock.instant(), fileName, operatorNote);
    }

    public Optional<BankFileRecord> outbound(String fileName) {
        return journal.findOutbound(fileName);
    }

    public Optional<BankFileRecord> find(UUID id) {
        return journal.find(id);
    }

    public List<BankFileRecord> list(FileDirection direction, Set<BankFileState> states, int limit) {
        return journal.list(direction, states, limit);
    }

    private BankFileRecord prepare(String fileName, BankFileKind kind, byte[] content, String contentSha256) {
        UUID id = ids.next();
        byte[] wire = protection.protect(content);
        Path archived = archive.outboundPath(id, fileName);
        archive.write(archived, wire);
        return journal.insertOutbound(new FileJournal.NewFile(id, fileName, kind, Hashes.sha256(wire), wire.length,
                contentSha256, archived.toString()), clock.instant());
    }

    private BankFileRecord markUnknown(BankFileRecord record) {
        return journal.move(record.id(), Set.of(BankFileState.RENAME_REQUESTED), BankFileState.OUTCOME_UNKNOWN,
                "found mid-rename after a stop: the bank may have the file", false, clock.instant())
                .or(() -> journal.find(record.id())).orElseThrow();
    }

    static void checkFileName(String fileName) {
        Check.argument(fileName != null && fileName.length() <= FILE_NAME_LENGTH_MAX && FILE_NAME.matcher(fileName).matches(),
                "bank file name must be 1..%d letters, digits, '.', '_' or '-' and start with a letter or digit, got %s",
                FILE_NAME_LENGTH_MAX, fileName);
        Check.argument(!fileName.endsWith(Uploader.TEMPORARY_SUFFIX), "bank file name must not end in %s, got %s",
                Uploader.TEMPORARY_SUFFIX, fileName);
    }

    @Override
    public void close() {
        connector.close();
    }
}
