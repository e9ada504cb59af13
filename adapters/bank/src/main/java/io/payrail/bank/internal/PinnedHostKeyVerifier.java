package io.payrail.bank.internal;

import io.payrail.bank.BankConnectionException;
import io.payrail.bank.HostKeyPinning;
import io.payrail.bank.HostKeyRefusedException;
import io.payrail.bank.SshKeys;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Accepts the bank's host key only when it is pinned (known-hosts file or fingerprint). Never trusts
 * on first use and never updates the pins. MINA only learns "refused", so the refusal with both
 * fingerprints is kept here for the connector to report.
 */
public final class PinnedHostKeyVerifier implements ServerKeyVerifier {
    private final String host;
    private final int port;
    private final HostKeyPinning pinning;
    private final AtomicReference<BankConnectionException> lastRefusal = new AtomicReference<>();

    public PinnedHostKeyVerifier(String host, int port, HostKeyPinning pinning) {
        this.host = host;
        this.port = port;
        this.pinning = pinning;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        String presented = SshKeys.fingerprint(serverKey);
        List<PublicKey> pinnedKeys;
        try {
            pinnedKeys = knownHostKeys();
        } catch (IllegalArgumentException unreadable) {
            lastRefusal.set(new BankConnectionException("host key refused: " + unreadable.getMessage()));
            return false;
        }
        List<String> expected = new ArrayList<>();
        pinning.fingerprint().ifPresent(expected::add);
        boolean matches = pinning.fingerprint().map(pin -> KeyUtils.checkFingerPrint(pin, serverKey).getKey()).orElse(false);
        for (PublicKey pinned : pinnedKeys) {
            expected.add(SshKeys.fingerprint(pinned));
            matches |= KeyUtils.compareKeys(pinned, serverKey);
        }
        if (!matches) {
            lastRefusal.set(new HostKeyRefusedException(host + ":" + port, String.join(", ", expected), presented));
        }
        return matches;
    }

    /** The refusal of the latest connection attempt, taken (so it is reported once), or null. */
    public BankConnectionException takeRefusal() {
        return lastRefusal.getAndSet(null);
    }

    private List<PublicKey> knownHostKeys() {
        if (pinning.knownHostsFile().isEmpty()) {
            return List.of();
        }
        var file = pinning.knownHostsFile().get();
        if (!Files.isReadable(file)) {
            return List.of();
        }
        try {
            List<PublicKey> keys = new ArrayList<>();
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
                if (entry.getKeyEntry() != null && entry.isHostMatch(host, port)) {
                    keys.add(entry.getKeyEntry().resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING));
                }
            }
            keys.removeIf(java.util.Objects::isNull);
            return keys;
        } catch (IOException | GeneralSecurityException failure) {
            throw new IllegalArgumentException("known-hosts file " + file + " could not be read: " + failure.getMessage(), failure);
        }
    }
}
