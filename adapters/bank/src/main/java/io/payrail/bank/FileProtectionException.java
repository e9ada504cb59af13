package io.payrail.bank;

/** A file could not be encrypted, decrypted or verified: wrong key, bad signature, not OpenPGP data. */
public final class FileProtectionException extends RuntimeException {
    public FileProtectionException(String message, Throwable cause) {
        super(message, cause);
    }

    public FileProtectionException(String message) {
        super(message);
    }
}
