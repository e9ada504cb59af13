package io.payrail.bank;

import io.payrail.bank.internal.FileJournal;
import java.time.Instant;
import java.util.Set;

/**
 * An operator's decision on an upload whose outcome is unknown: the one move out of
 * {@code outcome_unknown} that is not the bank's acknowledgment. Shared by {@link BankFileTransfer}
 * and {@link BankAdmin}, which needs only the database.
 */
final class UnknownOutcomes {
    private UnknownOutcomes() {}

    static BankFileRecord resolveAsSent(FileJournal journal, Instant now, String fileName, String operatorNote) {
        return resolve(journal, now, fileName, BankFileState.SENT, "operator resolved as sent: " + operatorNote);
    }

    static BankFileRecord resolveAsNotSent(FileJournal journal, Instant now, String fileName, String operatorNote) {
        return resolve(journal, now, fileName, BankFileState.NOT_SENT, "operator resolved as not sent: " + operatorNote);
    }

    private static BankFileRecord resolve(FileJournal journal, Instant now, String fileName, BankFileState to, String detail) {
        BankFileRecord record = journal.findOutbound(fileName)
                .orElseThrow(() -> new IllegalArgumentException("no outbound bank file named " + fileName));
        return journal.move(record.id(), Set.of(BankFileState.OUTCOME_UNKNOWN), to, detail, false, now)
                .orElseThrow(() -> new IllegalArgumentException("bank file " + fileName + " is "
                        + record.state().code() + ", not outcome_unknown: nothing to resolve"));
    }
}
