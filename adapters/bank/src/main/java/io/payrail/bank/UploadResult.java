package io.payrail.bank;

/** The business outcome of asking for an upload. Operating failures are values too: the caller decides when to retry. */
public sealed interface UploadResult {
    BankFileRecord record();

    /** The file is at the bank under its final name, as of this call. */
    record Sent(BankFileRecord record) implements UploadResult {}

    /** An earlier call already sent (or may have sent) this file; nothing was sent now. */
    record AlreadySent(BankFileRecord record) implements UploadResult {}

    /**
     * The connection died around the rename, so the bank may or may not have the file. It is never
     * re-sent automatically: the bank's acknowledgment or an operator's decision settles it.
     */
    record OutcomeUnknown(BankFileRecord record) implements UploadResult {}

    /** Nothing reached the bank under the final name; calling upload again is safe. */
    record NotSentYet(BankFileRecord record, String reason) implements UploadResult {}

    /** A file with this name but different content was already recorded: refusing to send either. */
    record ConflictingContent(BankFileRecord record, String presentedSha256) implements UploadResult {}
}
