package io.payrail.ledger.api;

/** An account's four balances in minor units of its ledger's currency. */
public record Balances(long debitsPending, long debitsPosted, long creditsPending, long creditsPosted) {
    public static final Balances ZERO = new Balances(0, 0, 0, 0);

    /**
     * What the account holder can spend: for an account whose debits must not exceed its credits,
     * credits posted minus debits posted minus debits pending (a pending debit is a hold); for one whose
     * credits must not exceed its debits, the mirror image; otherwise the same as the first.
     */
    public long available(int accountFlags) {
        if (AccountFlags.has(accountFlags, AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)) {
            return debitsPosted - creditsPosted - creditsPending;
        }
        return creditsPosted - debitsPosted - debitsPending;
    }
}
