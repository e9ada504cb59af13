package io.payrail.bank;

import io.payrail.platform.Check;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Operator commands on bank files, for the CLI the lead wires:
 * {@code payrail bank files [--direction outbound|inbound] [--state S] [--limit N]} and
 * {@code payrail bank resolve <file name> --sent|--not-sent --note "..."}.
 * Bad input throws {@link IllegalArgumentException} with a one-line message.
 */
public final class BankAdmin {
    public static final int LIST_LIMIT_DEFAULT = 50;

    /** What an operator decided about a file whose outcome is unknown. */
    public enum Decision { SENT, NOT_SENT }

    private final BankFileTransfer transfer;

    public BankAdmin(BankFileTransfer transfer) {
        this.transfer = Check.notNull(transfer, "transfer");
    }

    /** Files of a direction, optionally only one state (by its code, e.g. {@code outcome_unknown}). */
    public List<BankFileRecord> listFiles(String direction, String state, int limit) {
        FileDirection parsedDirection = parse(FileDirection.class, direction == null ? "outbound" : direction, "direction");
        Set<BankFileState> states = state == null ? EnumSet.allOf(BankFileState.class)
                : EnumSet.of(parse(BankFileState.class, state, "state"));
        return transfer.list(parsedDirection, states, limit);
    }

    public BankFileRecord resolve(String fileName, Decision decision, String note) {
        Check.argument(note != null && !note.isBlank(), "a note saying how the outcome was established is required");
        return switch (decision) {
            case SENT -> transfer.resolveAsSent(fileName, note);
            case NOT_SENT -> transfer.resolveAsNotSent(fileName, note);
        };
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
