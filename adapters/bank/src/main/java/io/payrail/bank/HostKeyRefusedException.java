package io.payrail.bank;

/**
 * The bank's server presented a host key that is not pinned: unknown, or different from the pinned
 * one (which may be an attack). The message names the host, the expected and presented fingerprints.
 */
public final class HostKeyRefusedException extends BankConnectionException {
    private final String host;
    private final String expectedFingerprints;
    private final String presentedFingerprint;

    public HostKeyRefusedException(String host, String expectedFingerprints, String presentedFingerprint) {
        super(message(host, expectedFingerprints, presentedFingerprint));
        this.host = host;
        this.expectedFingerprints = expectedFingerprints;
        this.presentedFingerprint = presentedFingerprint;
    }

    private static String message(String host, String expected, String presented) {
        if (expected.isEmpty()) {
            return "host key refused: " + host + " is unknown (no pinned key for it); it presented "
                    + presented + "; pin it in the known-hosts file or PAYRAIL_BANK_HOST_KEY_FINGERPRINT after checking it with the bank";
        }
        return "host key refused: the key of " + host + " changed; expected " + expected + ", presented "
                + presented + "; do not connect until the bank confirms the new key";
    }

    public String host() {
        return host;
    }

    public String expectedFingerprints() {
        return expectedFingerprints;
    }

    public String presentedFingerprint() {
        return presentedFingerprint;
    }
}
