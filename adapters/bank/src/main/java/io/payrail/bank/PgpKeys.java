package io.payrail.bank;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyEncryptorBuilder;

/**
 * An OpenPGP key (RSA 3072, one key that signs and encrypts) generated in-process, for the
 * simulated bank and tests, with armored export to the files {@link PgpSettings} names.
 */
public record PgpKeys(PGPSecretKeyRing secretRing, PGPPublicKeyRing publicRing) {
    public static final int RSA_BITS = 3072;

    public static final int RSA_BITS_MIN = 2048;

    public static PgpKeys generate(String identity, char[] passphrase, Instant createdAt) {
        return generate(identity, passphrase, createdAt, RSA_BITS);
    }

    /** As {@link #generate(String, char[], Instant)} with a chosen RSA size (tests use the minimum, for speed). */
    public static PgpKeys generate(String identity, char[] passphrase, Instant createdAt, int rsaBits) {
        io.payrail.platform.Check.argument(rsaBits >= RSA_BITS_MIN, "RSA keys need at least %d bits, got %d", RSA_BITS_MIN, rsaBits);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(rsaBits);
            PGPKeyPair keyPair = new JcaPGPKeyPair(org.bouncycastle.bcpg.PublicKeyPacket.VERSION_4, PGPPublicKey.RSA_GENERAL, generator.generateKeyPair(), Date.from(createdAt));
            PGPDigestCalculator sha1 = new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1);
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, keyPair, identity, sha1,
                    null, null, new JcaPGPContentSignerBuilder(keyPair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                    new JcePBESecretKeyEncryptorBuilder(PGPEncryptedData.AES_256, sha1).build(passphrase));
            return new PgpKeys(rings.generateSecretKeyRing(), rings.generatePublicKeyRing());
        } catch (GeneralSecurityException | PGPException failure) {
            throw new IllegalStateException("could not generate a PGP key for " + identity + ": " + failure.getMessage(), failure);
        }
    }

    /** Writes the armored secret ring to {@code secretFile} and the armored public ring to {@code publicFile}. */
    public void writeArmored(Path secretFile, Path publicFile) {
        try {
            Files.write(secretFile, armor(secretRing.getEncoded()));
            Files.write(publicFile, armor(publicRing.getEncoded()));
        } catch (IOException failure) {
            throw new UncheckedIOException("could not write PGP keys: " + failure.getMessage(), failure);
        }
    }

    private static byte[] armor(byte[] binary) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
            armored.write(binary);
        }
        return out.toByteArray();
    }
}
