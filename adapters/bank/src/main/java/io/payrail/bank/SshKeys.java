package io.payrail.bank;

import io.payrail.platform.Check;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Iterator;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * SSH key pairs in OpenSSH's file formats: generated (ECDSA P-256, which the JDK, MINA SSHD and
 * OpenSSH all support without extra providers), written with owner-only permissions, and read back.
 */
public final class SshKeys {
    private SshKeys() {}

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException("could not generate an ECDSA key pair: " + failure.getMessage(), failure);
        }
    }

    /** Writes the private key (unencrypted OpenSSH format, mode 0600) and {@code <file>.pub}. */
    public static void write(KeyPair keyPair, Path privateKeyFile) {
        try {
            Files.createDirectories(privateKeyFile.toAbsolutePath().getParent());
            Files.deleteIfExists(privateKeyFile);
            Files.createFile(privateKeyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(privateKeyFile)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keyPair, "payrail", null, out);
            }
            Files.writeString(privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub"),
                    authorizedKeyLine(keyPair.getPublic()) + "\n");
        } catch (IOException failure) {
            throw new UncheckedIOException("could not write key " + privateKeyFile + ": " + failure.getMessage(), failure);
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException("could not encode key " + privateKeyFile + ": " + failure.getMessage(), failure);
        }
    }

    /** Reads an unencrypted OpenSSH or PEM private key file; bad files get a one-line message. */
    public static KeyPair read(Path privateKeyFile) {
        Check.argument(Files.isReadable(privateKeyFile), "SSH private key file %s is missing or unreadable", privateKeyFile);
        try (InputStream in = Files.newInputStream(privateKeyFile)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(
                    null, NamedResource.ofName(privateKeyFile.toString()), in, FilePasswordProvider.EMPTY);
            Iterator<KeyPair> iterator = pairs == null ? null : pairs.iterator();
            Check.argument(iterator != null && iterator.hasNext(), "SSH private key file %s holds no key", privateKeyFile);
            return iterator.next();
        } catch (IOException | GeneralSecurityException | RuntimeException failure) {
            if (failure instanceof IllegalArgumentException clear) {
                throw clear;
            }
            throw new IllegalArgumentException("SSH private key file " + privateKeyFile + " could not be read: " + failure.getMessage(), failure);
        }
    }

    /** The {@code authorized_keys} / known-hosts form: {@code ecdsa-sha2-nistp256 AAAA...}. */
    public static String authorizedKeyLine(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    /** OpenSSH's SHA-256 fingerprint, {@code SHA256:<base64>}, as {@code ssh-keygen -lf} prints it. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }

    /** Writes a known-hosts file pinning {@code key} for {@code host:port}. */
    public static void writeKnownHosts(Path file, String host, int port, PublicKey key) {
        String pattern = port == 22 ? host : "[" + host + "]:" + port;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pattern + " " + authorizedKeyLine(key) + "\n", StandardCharsets.UTF_8);
        } catch (IOException failure) {
            throw new UncheckedIOException("could not write known hosts " + file + ": " + failure.getMessage(), failure);
        }
    }
}
