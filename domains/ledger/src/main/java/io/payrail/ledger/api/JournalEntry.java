package io.payrail.ledger.api;

import io.payrail.platform.Check;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A multi-leg journal entry, written as one linked chain of transfers so it commits all or nothing:
 * {@code JournalEntry.builder(entryId, ledger, code).debit(a, 100).credit(b, 60).credit(c, 40).build()}.
 *
 * <p>With one debit leg (or one credit leg) the chain moves money directly (a to b 60, a to c 40). With
 * several legs on both sides a transfer has only two accounts, so the legs meet in a clearing account
 * named with {@link Builder#through}: every debit leg credits it and every credit leg debits it, and it
 * ends the chain where it began. Leg ids derive from the entry id, so sending the same entry again
 * answers {@code exists} for every leg.
 */
public final class JournalEntry {
    /** Most legs on one entry (each becomes up to one transfer of the chain). */
    public static final int LEGS_MAX = 1_000;

    private JournalEntry() {}

    public static Builder builder(UUID entryId, int ledger, int code) {
        return new Builder(entryId, ledger, code);
    }

    private record Leg(UUID account, long amount) {}

    public static final class Builder {
        private final UUID entryId;
        private final int ledger;
        private final int code;
        private final List<Leg> debits = new ArrayList<>();
        private final List<Leg> credits = new ArrayList<>();
        private UUID clearingAccount;
        private String metadata;

        private Builder(UUID entryId, int ledger, int code) {
            this.entryId = Check.notNull(entryId, "entryId");
            this.ledger = ledger;
            this.code = code;
        }

        public Builder debit(UUID account, long amount) {
            debits.add(leg(account, amount));
            return this;
        }

        public Builder credit(UUID account, long amount) {
            credits.add(leg(account, amount));
            return this;
        }

        /** The clearing account the legs meet in when both sides have several legs. */
        public Builder through(UUID account) {
            clearingAccount = Check.notNull(account, "clearing account");
            return this;
        }

        public Builder metadata(String text) {
            metadata = text;
            return this;
        }

        private Leg leg(UUID account, long amount) {
            Check.argument(amount > 0, "a journal entry leg needs a positive amount, got %s", amount);
            Check.argument(debits.size() + credits.size() < LEGS_MAX, "a journal entry has at most %s legs", LEGS_MAX);
            return new Leg(Check.notNull(account, "account"), amount);
        }

        /** The linked chain to pass to {@link LedgerService#createTransfers}. */
        public List<NewTransfer> build() {
            Check.argument(!debits.isEmpty() && !credits.isEmpty(), "a journal entry needs debit and credit legs");
            long debitTotal = debits.stream().mapToLong(Leg::amount).reduce(0, Math::addExact);
            long creditTotal = credits.stream().mapToLong(Leg::amount).reduce(0, Math::addExact);
            Check.argument(debitTotal == creditTotal, "journal entry %s does not balance: debits %s, credits %s",
                    entryId, debitTotal, creditTotal);
            List<NewTransfer> chain = new ArrayList<>();
            if (debits.size() == 1) {
                credits.forEach(credit -> chain.add(transfer(chain.size(), debits.getFirst().account(), credit.account(),
                        credit.amount())));
            } else if (credits.size() == 1) {
                debits.forEach(debit -> chain.add(transfer(chain.size(), debit.account(), credits.getFirst().account(),
                        debit.amount())));
            } else {
                Check.argument(clearingAccount != null,
                        "journal entry %s has several debit and credit legs: name a clearing account with through()", entryId);
                debits.forEach(debit -> chain.add(transfer(chain.size(), debit.account(), clearingAccount, debit.amount())));
                credits.forEach(credit -> chain.add(transfer(chain.size(), clearingAccount, credit.account(),
                        credit.amount())));
            }
            for (int index = 0; index < chain.size() - 1; index++) {
                chain.set(index, chain.get(index).linked());
            }
            return List.copyOf(chain);
        }

        private NewTransfer transfer(int index, UUID debit, UUID credit, long amount) {
            UUID id = UUID.nameUUIDFromBytes((entryId + ":" + index).getBytes(StandardCharsets.UTF_8));
            return NewTransfer.of(id, debit, credit, amount, ledger, code).withMetadata(metadata);
        }
    }
}
