package io.payrail.bank;

import io.payrail.platform.Check;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.jcajce.JcaPGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.jcajce.JcaPGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyDataDecryptorFactoryBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;

/**
 * OpenPGP for bank files: outbound files are signed with our key, compressed and encrypted (AES-256
 * with an integrity packet) to the counterparty's key; inbound files must be encrypted to our key and
 * signed by the counterparty's key, or they are refused with a {@link FileProtectionException} that
 * names the keys involved. The same class serves the simulated bank with the roles swapped.
 *
 * <p>Session keys come from {@link SecureRandom}, not from the injected randomness: they must be
 * unpredictable. That makes ciphertext differ on every call, which is why outbound files are
 * archived once and every retry sends the archived bytes.
 */
public final class OpenPgpProtection implements FileProtection {
    public static final int PLAINTEXT_BYTES_MAX = 64 * 1024 * 1024;
    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    private final PGPSecretKeyRing ownKeys;
    private final char[] passphrase;
    private final PGPPublicKeyRing counterpartyKeys;
    private final SecureRandom random = new SecureRandom();

    public OpenPgpProtection(PGPSecretKeyRing ownKeys, char[] passphrase, PGPPublicKeyRing counterpartyKeys) {
        this.ownKeys = Check.notNull(ownKeys, "ownKeys");
        this.passphrase = Check.notNull(passphrase, "passphrase").clone();
        this.counterpartyKeys = Check.notNull(counterpartyKeys, "counterpartyKeys");
    }

    /** Reads the armored key files named by the settings; a bad file gets a one-line message. */
    public static OpenPgpProtection load(PgpSettings settings) {
        return new OpenPgpProtection(readSecretRing(settings.ownSecretKeyRing()), settings.passphrase(),
                readPublicRing(settings.bankPublicKeyRing()));
    }

    @Override
    public byte[] protect(byte[] plaintext) {
        try {
            PGPSecretKey signingKey = ownKeys.getSecretKey();
            PGPPrivateKey signingPrivate = unlock(signingKey);
            ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length / 2 + 1024);
            PGPEncryptedDataGenerator encryption = new PGPEncryptedDataGenerator(new JcePGPDataEncryptorBuilder(
                    SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true).setSecureRandom(random).setProvider(PROVIDER));
            encryption.addMethod(new JcePublicKeyKeyEncryptionMethodGenerator(encryptionKey()).setProvider(PROVIDER));
            try (OutputStream encrypted = encryption.open(out, new byte[1 << 16])) {
                PGPCompressedDataGenerator compression = new PGPCompressedDataGenerator(CompressionAlgorithmTags.ZIP);
                try (OutputStream compressed = compression.open(encrypted)) {
                    PGPSignatureGenerator signature = new PGPSignatureGenerator(new JcaPGPContentSignerBuilder(
                            signingKey.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256).setProvider(PROVIDER),
                            signingKey.getPublicKey());
                    signature.init(PGPSignature.BINARY_DOCUMENT, signingPrivate);
                    signature.generateOnePassVersion(false).encode(compressed);
                    PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
                    try (OutputStream literalOut = literal.open(compressed, PGPLiteralData.BINARY, "bank-file",
                            plaintext.length, PGPLiteralData.NOW)) {
                        literalOut.write(plaintext);
                    }
                    signature.update(plaintext);
                    signature.generate().encode(compressed);
                }
            }
            return out.toByteArray();
        } catch (PGPException | IOException failure) {
            throw new FileProtectionException("could not encrypt and sign: " + failure.getMessage(), failure);
        }
    }

    @Override
    public byte[] unprotect(byte[] wire) {
        try {
            PGPPublicKeyEncryptedData encrypted = encryptedForUs(wire);
            PGPPrivateKey privateKey = unlock(ownKeys.getSecretKey(encrypted.getKeyIdentifier()));
            InputStream clear = encrypted.getDataStream(new JcePublicKeyDataDecryptorFactoryBuilder().setProvider(PROVIDER).build(privateKey));
            JcaPGPObjectFactory objects = new JcaPGPObjectFactory(clear);
            Object next = objects.nextObject();
            if (next instanceof PGPCompressedData compressed) {
                objects = new JcaPGPObjectFactory(compressed.getDataStream());
                next = objects.nextObject();
            }
            if (!(next instanceof PGPOnePassSignatureList onePass) || onePass.isEmpty()) {
                throw new FileProtectionException("the file is encrypted but not signed; the bank's signature is required");
            }
            byte[] plaintext = verified(objects, onePass.get(0));
            if (encrypted.isIntegrityProtected() && !encrypted.verify()) {
                throw new FileProtectionException("the file failed its OpenPGP integrity check (modified in transit?)");
            }
            return plaintext;
        } catch (PGPException | IOException | RuntimeException failure) {
            if (failure instanceof FileProtectionException clear) {
                throw clear;
            }
            throw new FileProtectionException("could not decrypt the file: " + failure.getMessage(), failure);
        }
    }

    private byte[] verified(JcaPGPObjectFactory objects, PGPOnePassSignature onePass) throws IOException, PGPException {
        PGPPublicKey signer = counterpartyKeys.getPublicKey(onePass.getKeyID());
        if (signer == null) {
            throw new FileProtectionException("the file is signed by key " + keyId(onePass.getKeyID())
                    + ", not by the expected key " + keyId(counterpartyKeys.getPublicKey().getKeyID()));
        }
        onePass.init(new JcaPGPContentVerifierBuilderProvider().setProvider(PROVIDER), signer);
        if (!(objects.nextObject() instanceof PGPLiteralData literal)) {
            throw new FileProtectionException("the signed file holds no literal data");
        }
        byte[] plaintext;
        try (InputStream content = literal.getInputStream()) {
            plaintext = content.readNBytes(PLAINTEXT_BYTES_MAX + 1);
        }
        if (plaintext.length > PLAINTEXT_BYTES_MAX) {
            throw new FileProtectionException("the decrypted file exceeds " + PLAINTEXT_BYTES_MAX + " bytes");
        }
        onePass.update(plaintext);
        if (!(objects.nextObject() instanceof PGPSignatureList signatures) || !onePass.verify(signatures.get(0))) {
            throw new FileProtectionException("the signature of key " + keyId(signer.getKeyID()) + " does not match the file's content");
        }
        return plaintext;
    }

    private PGPPublicKeyEncryptedData encryptedForUs(byte[] wire) throws IOException {
        JcaPGPObjectFactory objects = new JcaPGPObjectFactory(PGPUtil.getDecoderStream(new ByteArrayInputStream(wire)));
        Object first = objects.nextObject();
        if (first instanceof PGPMarker) {
            first = objects.nextObject();
        }
        if (!(first instanceof PGPEncryptedDataList list)) {
            throw new FileProtectionException("the file is not OpenPGP-encrypted data");
        }
        List<String> recipients = new ArrayList<>();
        for (Object candidate : list) {
            if (candidate instanceof PGPPublicKeyEncryptedData data) {
                if (ownKeys.getSecretKey(data.getKeyIdentifier()) != null) {
                    return data;
                }
                recipients.add(keyId(data.getKeyIdentifier().getKeyId()));
            }
        }
        throw new FileProtectionException("the file is encrypted for key(s) " + recipients + ", not for our key "
                + keyId(ownKeys.getPublicKey().getKeyID()) + " (wrong key?)");
    }

    private PGPPublicKey encryptionKey() {
        for (Iterator<PGPPublicKey> keys = counterpartyKeys.getPublicKeys(); keys.hasNext(); ) {
            PGPPublicKey key = keys.next();
            if (key.isEncryptionKey()) {
                return key;
            }
        }
        throw new FileProtectionException("the counterparty key " + keyId(counterpartyKeys.getPublicKey().getKeyID())
                + " has no encryption key");
    }

    private PGPPrivateKey unlock(PGPSecretKey key) {
        try {
            return key.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder().setProvider(PROVIDER).build(passphrase));
        } catch (PGPException wrongPassphrase) {
            throw new FileProtectionException("could not unlock our PGP key " + keyId(key.getKeyID())
                    + ": wrong passphrase (" + wrongPassphrase.getMessage() + ")", wrongPassphrase);
        }
    }

    static String keyId(long keyId) {
        return String.format("%016X", keyId);
    }

    private static PGPSecretKeyRing readSecretRing(Path file) {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            var rings = new JcaPGPSecretKeyRingCollection(in).getKeyRings();
            Check.argument(rings.hasNext(), "PGP secret key file %s holds no key ring", file);
            return rings.next();
        } catch (IOException | PGPException failure) {
            throw new IllegalArgumentException("PGP secret key file " + file + " could not be read: " + failure.getMessage(), failure);
        }
    }

    private static PGPPublicKeyRing readPublicRing(Path file) {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            var rings = new JcaPGPPublicKeyRingCollection(in).getKeyRings();
            Check.argument(rings.hasNext(), "PGP public key file %s holds no key ring", file);
            return rings.next();
        } catch (IOException | PGPException failure) {
            throw new IllegalArgumentException("PGP public key file " + file + " could not be read: " + failure.getMessage(), failure);
        }
    }
}
