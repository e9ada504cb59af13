package io.payrail.bank.internal;

import io.payrail.bank.BankConnectionException;
import io.payrail.bank.BankFileRecord;
import io.payrail.bank.BankFileState;
import io.payrail.bank.HostKeyRefusedException;
import io.payrail.bank.UploadResult;
import io.payrail.platform.Check;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * One upload attempt: the bytes go to {@code <name>.part} (which banks ignore), then one rename makes
 * the file appear under its final name at once. The journal says {@code rename_requested} before the
 * rename is sent, so when the connection dies before the answer the file is marked
 * {@code outcome_unknown} and never re-sent automatically: the bank may already have picked it up.
 * Before the rename, a failure is harmless: the next attempt deletes the partial temporary file and
 * starts over (restart rather than resume, because SFTP offers no way to check that a partial file's
 * bytes are the ones we wrote, and ACH files are small).
 */
public final class Uploader {
    public static final String TEMPORARY_SUFFIX = ".part";

    private final SftpConnector connector;
    private final String uploadPath;
    private final FileJournal journal;
    private final LocalArchive archive;
    private final Clock clock;

    public Uploader(SftpConnector connector, String uploadPath, FileJournal journal, LocalArchive archive, Clock clock) {
        this.connector = connector;
        this.uploadPath = uploadPath;
        this.journal = journal;
        this.archive = archive;
        this.clock = clock;
    }

    public UploadResult send(BankFileRecord record) {
        var started = journal.move(record.id(), Set.of(BankFileState.PREPARED, BankFileState.UPLOADING, BankFileState.NOT_SENT),
                BankFileState.UPLOADING, "upload attempt started", true, clock.instant());
        if (started.isEmpty()) {
            return new UploadResult.NotSentYet(record, "another upload of this file moved it first");
        }
        byte[] wire = archive.read(Path.of(record.archivePath()));
        Check.that(Hashes.sha256(wire).equals(record.sha256()),
                "archived bytes of %s do not match the recorded hash %s", record.fileName(), record.sha256());
        String finalPath = uploadPath + "/" + record.fileName();
        String temporaryPath = finalPath + TEMPORARY_SUFFIX;
        try (SftpConnection connection = connector.open()) {
            try {
                writeTemporary(connection.sftp(), temporaryPath, wire);
            } catch (IOException failure) {
                return notSent(record, "upload failed before the rename: " + SftpConnector.describe(failure));
            }
            return rename(connection.sftp(), record, temporaryPath, finalPath);
        } catch (HostKeyRefusedException refused) {
            // Recorded, then thrown: retrying cannot help, a person must check the bank's key.
            notSent(record, refused.getMessage());
            throw refused;
        } catch (BankConnectionException failure) {
            return notSent(record, failure.getMessage());
        }
    }

    private UploadResult rename(SftpClient sftp, BankFileRecord record, String temporaryPath, String finalPath) {
        var requested = journal.move(record.id(), Set.of(BankFileState.UPLOADING), BankFileState.RENAME_REQUESTED,
                "complete at the temporary name, rename requested", false, clock.instant());
        Check.that(requested.isPresent(), "bank file %s left state uploading during its own upload", record.fileName());
        try {
            sftp.rename(temporaryPath, finalPath);
        } catch (SftpException refused) {
            // The server answered: the rename did not happen, so the outcome is known.
            var back = journal.move(record.id(), Set.of(BankFileState.RENAME_REQUESTED), BankFileState.UPLOADING,
                    "the bank refused the rename: " + refused.getMessage(), false, clock.instant()).orElseThrow();
            return new UploadResult.NotSentYet(back, "the bank refused the rename: " + refused.getMessage());
        } catch (IOException | RuntimeException lost) {
            var unknown = journal.move(record.id(), Set.of(BankFileState.RENAME_REQUESTED), BankFileState.OUTCOME_UNKNOWN,
                    "connection lost around the rename: " + SftpConnector.describe(lost), false, clock.instant()).orElseThrow();
            return new UploadResult.OutcomeUnknown(unknown);
        }
        return new UploadResult.Sent(journal.move(record.id(), Set.of(BankFileState.RENAME_REQUESTED), BankFileState.SENT,
                "renamed to the final name", false, clock.instant()).orElseThrow());
    }

    private static void writeTemporary(SftpClient sftp, String temporaryPath, byte[] wire) throws IOException {
        removeIfPresent(sftp, temporaryPath);
        try (OutputStream out = sftp.write(temporaryPath,
                SftpClient.OpenMode.Write, SftpClient.OpenMode.Create, SftpClient.OpenMode.Exclusive)) {
            out.write(wire);
        }
        long written = sftp.stat(temporaryPath).getSize();
        if (written != wire.length) {
            throw new IOException("the temporary file holds " + written + " bytes, expected " + wire.length);
        }
    }

    private static void removeIfPresent(SftpClient sftp, String path) throws IOException {
        try {
            sftp.remove(path);
        } catch (SftpException failure) {
            if (failure.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw failure;
            }
        }
    }

    private UploadResult notSent(BankFileRecord record, String reason) {
        var current = journal.move(record.id(), Set.of(BankFileState.UPLOADING), BankFileState.UPLOADING, reason, false,
                clock.instant()).orElse(record);
        return new UploadResult.NotSentYet(current, reason);
    }
}
