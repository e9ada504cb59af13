package io.payrail.ledger.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Transfer flags as bits, so a transfer's flags are one comparable number (TigerBeetle's layout). */
public final class TransferFlags {
    /** This transfer and the next one in the batch succeed or fail together; a chain ends at a transfer without it. */
    public static final int LINKED = 1;
    /** Reserves the amount (a hold) until posted, voided or timed out. */
    public static final int PENDING = 1 << 1;
    public static final int POST_PENDING_TRANSFER = 1 << 2;
    public static final int VOID_PENDING_TRANSFER = 1 << 3;
    /** Transfer at most the amount, as much as the debit account's credits allow. */
    public static final int BALANCING_DEBIT = 1 << 4;
    /** Transfer at most the amount, as much as the credit account's debits allow. */
    public static final int BALANCING_CREDIT = 1 << 5;
    /** Set only by the ledger on the void it writes when a pending transfer times out. */
    public static final int EXPIRED = 1 << 8;
    /** The flags a client may set. */
    public static final int CLIENT_FLAGS = LINKED | PENDING | POST_PENDING_TRANSFER | VOID_PENDING_TRANSFER
            | BALANCING_DEBIT | BALANCING_CREDIT;

    private static final List<String> NAMES = List.of("linked", "pending", "post_pending_transfer",
            "void_pending_transfer", "balancing_debit", "balancing_credit", "", "", "expired");

    private TransferFlags() {}

    public static boolean has(int flags, int flag) {
        return (flags & flag) != 0;
    }

    /** Parses wire names such as {@code ["linked", "pending"]}; an unknown name is bad input. */
    public static int fromNames(Collection<String> names) {
        int flags = 0;
        for (String name : names) {
            if (name == null) {
                throw new IllegalArgumentException("flags must be names, not null");
            }
            int index = NAMES.indexOf(name.toLowerCase(Locale.ROOT));
            if (index < 0 || name.isEmpty()) {
                throw new IllegalArgumentException("unknown transfer flag: " + name + " (known: " + NAMES + ")");
            }
            flags |= 1 << index;
        }
        return flags;
    }

    public static List<String> names(int flags) {
        List<String> names = new ArrayList<>();
        for (int index = 0; index < NAMES.size(); index++) {
            if (has(flags, 1 << index) && !NAMES.get(index).isEmpty()) {
                names.add(NAMES.get(index));
            }
        }
        return names;
    }
}
