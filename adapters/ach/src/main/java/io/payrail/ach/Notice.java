package io.payrail.ach;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What a receiving bank sends back about an entry that payments must act on: a return (the money came back) or a
 * notification of change (the payment went through, but the originator must correct its data before the next
 * entry). Both name the original entry by its trace number.
 */
public sealed interface Notice permits Notice.Returned, Notice.Change {
    long originalTraceNumber();

    /** The routing number of the bank that received the original entry. */
    String originalReceivingDfi();

    enum ReturnKind {
        RETURN,
        /** The originator's bank refuses the return (R61-R70). */
        DISHONORED,
        /** The receiving bank contests the dishonor (R71-R77). */
        CONTESTED
    }

    /**
     * @param amountCents the amount that came back (the return entry's amount)
     * @param debit true when the original entry was a debit (the return entry then credits the originator)
     */
    record Returned(long originalTraceNumber, String originalReceivingDfi, ReturnReason reason, ReturnKind kind,
            long amountCents, boolean debit, Optional<LocalDate> dateOfDeath) implements Notice {
    }

    /** @param correctedData as sent; the typed accessors read it according to the change code */
    record Change(long originalTraceNumber, String originalReceivingDfi, ChangeCode code, String correctedData)
            implements Notice {

        /** C02, C03, C07: the correct routing number. */
        public Optional<String> correctedRoutingNumber() {
            return switch (code) {
                case C02, C03, C07 -> Optional.of(part(0, 9));
                default -> Optional.empty();
            };
        }

        /** C01, C03, C06, C07: the correct account number. */
        public Optional<String> correctedAccountNumber() {
            return switch (code) {
                case C01, C06 -> Optional.of(part(0, 17));
                case C03 -> Optional.of(part(12, 29));
                case C07 -> Optional.of(part(9, 26));
                default -> Optional.empty();
            };
        }

        /** C05, C06, C07: the correct transaction code. */
        public Optional<Integer> correctedTransactionCode() {
            String digits = switch (code) {
                case C05 -> part(0, 2);
                case C06 -> part(20, 22);
                case C07 -> part(26, 28);
                default -> "";
            };
            return digits.length() == 2 && digits.chars().allMatch(Character::isDigit)
                    ? Optional.of(Integer.parseInt(digits)) : Optional.empty();
        }

        private String part(int start, int end) {
            String padded = correctedData.length() >= end ? correctedData
                    : correctedData + " ".repeat(end - correctedData.length());
            return padded.substring(start, end).strip();
        }

        @Override
        public String toString() {
            return "Change[originalTraceNumber=" + originalTraceNumber + ", originalReceivingDfi="
                    + originalReceivingDfi + ", code=" + code + ", correctedData=" + Masking.account(correctedData)
                    + "]";
        }
    }
}
