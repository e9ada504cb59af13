package io.payrail.bank;

/**
 * What is done to file contents on the way to and from the bank: nothing, or OpenPGP encryption and
 * signing ({@link OpenPgpProtection}). A failure to unprotect is a {@link FileProtectionException}.
 */
public interface FileProtection {
    byte[] protect(byte[] plaintext);

    byte[] unprotect(byte[] wire);

    FileProtection NONE = new FileProtection() {
        @Override
        public byte[] protect(byte[] plaintext) {
            return plaintext;
        }

        @Override
        public byte[] unprotect(byte[] wire) {
            return wire;
        }
    };
}
