package io.payrail.bank;

import io.payrail.platform.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which entries the simulated bank sends back. {@code codeByAccountEnding} maps an account-number
 * ending (e.g. {@code "1"} or {@code "0002"}) to a return code ({@code R01}...); the longest matching
 * ending wins. Of the other entries, a seeded random share is returned (R01..R03) or gets a
 * notification of change (C01), at the given rates in parts per million.
 */
public record ReturnRules(Map<String, String> codeByAccountEnding, int randomReturnsPerMillion, int randomChangesPerMillion) {
    public static final int MILLION = 1_000_000;

    public ReturnRules {
        Check.argument(randomReturnsPerMillion >= 0 && randomReturnsPerMillion <= MILLION,
                "random returns per million must be 0..%d, got %d", MILLION, randomReturnsPerMillion);
        Check.argument(randomChangesPerMillion >= 0 && randomChangesPerMillion <= MILLION,
                "random changes per million must be 0..%d, got %d", MILLION, randomChangesPerMillion);
        codeByAccountEnding.forEach((ending, code) -> {
            Check.argument(ending.matches("[0-9A-Za-z]{1,17}"), "account ending must be 1..17 letters or digits, got %s", ending);
            Check.argument(code.matches("R[0-9]{2}"), "return code must be Rnn, got %s", code);
        });
        codeByAccountEnding = Map.copyOf(new LinkedHashMap<>(codeByAccountEnding));
    }

    /** The simulator's defaults: accounts ending in 1, 2, 3 return R01, R02, R03; no random returns. */
    public static ReturnRules defaults() {
        return new ReturnRules(Map.of("1", "R01", "2", "R02", "3", "R03"), 0, 0);
    }

    /** The return code for this account by its ending, or null. */
    public String codeFor(String accountNumber) {
        String account = accountNumber.strip();
        String best = null;
        int bestLength = 0;
        for (Map.Entry<String, String> rule : codeByAccountEnding.entrySet()) {
            if (account.endsWith(rule.getKey()) && rule.getKey().length() > bestLength) {
                best = rule.getValue();
                bestLength = rule.getKey().length();
            }
        }
        return best;
    }
}
