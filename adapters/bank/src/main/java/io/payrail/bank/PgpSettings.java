package io.payrail.bank;

import io.payrail.platform.Check;
import java.nio.file.Path;

/**
 * OpenPGP keys for files exchanged with the bank: Payrail's armored secret key ring (signs outbound
 * files, decrypts inbound ones) with its passphrase, and the bank's armored public key ring
 * (encrypts outbound files, verifies the bank's signatures).
 */
public record PgpSettings(Path ownSecretKeyRing, char[] passphrase, Path bankPublicKeyRing) {
    public PgpSettings {
        Check.notNull(ownSecretKeyRing, "ownSecretKeyRing");
        Check.notNull(passphrase, "passphrase");
        Check.notNull(bankPublicKeyRing, "bankPublicKeyRing");
    }

    @Override
    public String toString() {
        return "PgpSettings[ownSecretKeyRing=" + ownSecretKeyRing + ", passphrase=<hidden>, bankPublicKeyRing="
                + bankPublicKeyRing + "]";
    }
}
