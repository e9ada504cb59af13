package io.payrail.ledger.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Account flags as bits. */
public final class AccountFlags {
    /** Debits (posted plus pending) may never exceed credits posted: a customer's money account. */
    public static final int DEBITS_MUST_NOT_EXCEED_CREDITS = 1;
    /** Credits (posted plus pending) may never exceed debits posted: a credit line. */
    public static final int CREDITS_MUST_NOT_EXCEED_DEBITS = 1 << 1;
    /** Every transfer row keeps this account's balances after it, so balances at a point in time can be read. */
    public static final int HISTORY = 1 << 2;
    public static final int ALL = DEBITS_MUST_NOT_EXCEED_CREDITS | CREDITS_MUST_NOT_EXCEED_DEBITS | HISTORY;

    private static final List<String> NAMES = List.of(
            "debits_must_not_exceed_credits", "credits_must_not_exceed_debits", "history");

    private AccountFlags() {}

    public static boolean has(int flags, int flag) {
        return (flags & flag) != 0;
    }

    public static int fromNames(Collection<String> names) {
        int flags = 0;
        for (String name : names) {
            if (name == null) {
                throw new IllegalArgumentException("flags must be names, not null");
            }
            int index = NAMES.indexOf(name.toLowerCase(Locale.ROOT));
            if (index < 0) {
                throw new IllegalArgumentException("unknown account flag: " + name + " (known: " + NAMES + ")");
            }
            flags |= 1 << index;
        }
        return flags;
    }

    public static List<String> names(int flags) {
        List<String> names = new ArrayList<>();
        for (int index = 0; index < NAMES.size(); index++) {
            if (has(flags, 1 << index)) {
                names.add(NAMES.get(index));
            }
        }
        return names;
    }
}
