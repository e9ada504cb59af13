package io.payrail.ach;

import io.payrail.ach.internal.LineFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the returns (addenda 99) and notifications of change (addenda 98) of a file into {@link Notice} values. */
public final class Notices {
    private Notices() {
    }

    public static List<Notice> from(AchFile file) {
        List<Notice> notices = new ArrayList<>();
        for (Batch batch : file.batches()) {
            for (Entry entry : batch.entries()) {
                from(entry).ifPresent(notices::add);
            }
        }
        return notices;
    }

    /** The notice an entry carries, if it is a return or a notification of change with a known code. */
    public static Optional<Notice> from(Entry entry) {
        for (Addenda addenda : entry.addenda()) {
            switch (addenda) {
                case Addenda99 returned -> {
                    return returned.reason().map(reason -> returned(entry.detail(), returned, reason));
                }
                case Addenda98 change -> {
                    return change.change().map(code -> new Notice.Change(change.originalTraceNumber(),
                            change.originalReceivingDfi(), code, change.correctedData()));
                }
                default -> {
                    // Other addenda carry remittance or terminal data, not notices.
                }
            }
        }
        return Optional.empty();
    }

    private static Notice returned(EntryDetail detail, Addenda99 returned, ReturnReason reason) {
        Notice.ReturnKind kind = switch (returned) {
            case Addenda99.Return plain -> Notice.ReturnKind.RETURN;
            case Addenda99.Dishonored dishonored -> Notice.ReturnKind.DISHONORED;
            case Addenda99.Contested contested -> Notice.ReturnKind.CONTESTED;
        };
        Optional<java.time.LocalDate> dateOfDeath = returned instanceof Addenda99.Return plain
                ? Optional.ofNullable(LineFields.parseDate(plain.dateOfDeath())) : Optional.empty();
        // Transaction codes x6 return original debits (x7, x8, x9); x1 return original credits (x2, x3, x4).
        boolean originalWasDebit = detail.transactionCode() % 10 == 6;
        return new Notice.Returned(returned.originalTraceNumber(), returned.originalReceivingDfi(), reason, kind,
                detail.amountCents(), originalWasDebit, dateOfDeath);
    }
}
