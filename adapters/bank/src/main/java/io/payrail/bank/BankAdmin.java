package io.payrail.bank;

import io.payrail.bank.internal.FileJournal;
import io.payrail.platform.Check;
import io.payrail.platform.Transactions;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Operator commands on bank files, behind {@code payrail bank files [--direction outbound|inbound]
 * [--state S] [--limit N]} and {@code payrail bank resolve FILE --sent|--not-sent --note "..."}.
 * They work on the database alone: seeing where files stand and settling an upload whose outcome is
 * unknown need no connection to the bank. Bad input throws {@link IllegalArgumentException} with a
 * one-line message.
 */
public final class BankAdmin {
    public static final int LIST_LIMIT_DEFAULT = 50;
    public static final int LIST_LIMIT_MAX = FileJournal.LIST_LIMIT_MAX;

    /** What an operator decided about a file whose outcome is unknown. */
    public enum Decision { SENT, NOT_SENT }

    /** Which files to list: one direction, some states. */
    public record Filter(FileDirection direction, Set<BankFileState> states) {
        /**
         * From the command line's words: a direction ({@code outbound} when null) and a state code
         * ({@code outcome_unknown}; every state when null), either naming the values it accepts when wrong.
         */
        public static Filter parse(String direction, String state) {
            FileDirection parsedDirection = BankAdmin.parse(FileDirection.class, direction == null ? "outbound" : direction, "direction");
            Set<BankFileState> states = state == null ? EnumSet.allOf(BankFileState.class)
                    : EnumSet.of(BankAdmin.parse(BankFileState.class, state, "state"));
            return new Filter(parsedDirection, states);
        }
    }

    private final FileJournal journal;
    private final Clock clock;

    public BankAdmin(Transactions transactions, Clock clock) {
        this.journal = new FileJournal(Check.notNull(transactions, "transactions"));
        this.clock = Check.notNull(clock, "clock");
    }

    /** The filter's files, newest first, at most {@code limit} (1..{@link #LIST_LIMIT_MAX}). */
    public List<BankFileRecord> listFiles(Filter filter, int limit) {
        return journal.latest(filter.direction(), filter.states(), limit);
    }

    public BankFileRecord resolve(String fileName, Decision decision, String note) {
        checkNote(note);
        return switch (decision) {
            case SENT -> UnknownOutcomes.resolveAsSent(journal, clock.instant(), fileName, note);
            case NOT_SENT -> UnknownOutcomes.resolveAsNotSent(journal, clock.instant(), fileName, note);
        };
    }

    /** A decision needs a note saying how the outcome was established; checked before any database work. */
    public static void checkNote(String note) {
        Check.argument(note != null && !note.isBlank(), "a note saying how the outcome was established is required");
    }

    public static String format(List<BankFileRecord> records) {
        if (records.isEmpty()) {
            return "no bank files\n";
        }
        StringBuilder text = new StringBuilder(String.format("%-40s %-9s %-17s %-16s %10s %-20s%n",
                "FILE", "DIRECTION", "STATE", "SHA256", "BYTES", "UPDATED"));
        for (BankFileRecord record : records) {
            text.append(String.format("%-40s %-9s %-17s %-16s %10s %-20s%n", record.fileName(), record.direction().code(),
                    record.state().code(), record.sha256() == null ? "-" : record.sha256().substring(0, 16),
                    record.sizeBytes() == null ? "-" : record.sizeBytes(), record.updatedAt()));
        }
        return text.toString();
    }

    public static String format(BankFileRecord record) {
        return record.fileName() + " is " + record.state().code() + (record.detail() == null ? "" : " (" + record.detail() + ")") + "\n";
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("unknown " + what + " '" + value + "'; expected one of "
                    + EnumSet.allOf(type).stream().map(constant -> constant.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}
