package io.payrail.bank.internal;

import io.payrail.bank.BankConnectionException;
import io.payrail.bank.SftpAddress;
import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Opens SFTP sessions to one bank with public-key authentication only and pinned host keys. The
 * client ignores {@code ~/.ssh} (config, default identities, known hosts): everything it uses is
 * configured explicitly, so a developer's own SSH setup can never change what Payrail trusts.
 */
public final class SftpConnector implements AutoCloseable {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration AUTHENTICATION_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private final SftpAddress address;
    private final KeyPair identity;
    private final PinnedHostKeyVerifier verifier;
    private final SshClient client;

    public SftpConnector(SftpAddress address, KeyPair identity, PinnedHostKeyVerifier verifier) {
        this.address = address;
        this.identity = identity;
        this.verifier = verifier;
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(verifier);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        CoreModuleProperties.IDLE_TIMEOUT.set(client, IDLE_TIMEOUT);
        client.start();
    }

    public SftpAddress address() {
        return address;
    }

    /** A new authenticated SFTP session; the caller closes it. */
    public SftpConnection open() {
        ClientSession session = null;
        try {
            session = client.connect(address.user(), address.host(), address.port())
                    .verify(CONNECT_TIMEOUT).getSession();
            session.addPublicKeyIdentity(identity);
            session.auth().verify(AUTHENTICATION_TIMEOUT);
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            return new SftpConnection(session, sftp);
        } catch (IOException | RuntimeException failure) {
            closeQuietly(session);
            BankConnectionException refusal = verifier.takeRefusal();
            if (refusal != null) {
                throw refusal;
            }
            throw new BankConnectionException("could not open an SFTP session to " + address + ": " + describe(failure), failure);
        }
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    private static void closeQuietly(ClientSession session) {
        if (session != null) {
            session.close(true);
        }
    }

    @Override
    public void close() {
        client.stop();
    }
}
