package io.payrail.bank.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The simulated bank's SFTP server: MINA SSHD on loopback, public-key authentication for one user,
 * no passwords, no shell, and a virtual file system rooted in one directory (the client sees it as
 * {@code /}).
 */
public final class SimulatedSftpServer implements AutoCloseable {
    private final SshServer server;

    private SimulatedSftpServer(SshServer server) {
        this.server = server;
    }

    public static SimulatedSftpServer start(Path root, int port, KeyPair hostKey, String user, List<PublicKey> authorizedKeys,
            List<SftpEventListener> listeners) {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((presentedUser, key, session) -> presentedUser.equals(user)
                && authorizedKeys.stream().anyMatch(authorized -> KeyUtils.compareKeys(authorized, key)));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().build();
        listeners.forEach(sftp::addSftpEventListener);
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root.toAbsolutePath()));
        try {
            server.start();
        } catch (IOException failure) {
            throw new UncheckedIOException("the simulated bank's SFTP server did not start on port " + port + ": "
                    + failure.getMessage(), failure);
        }
        return new SimulatedSftpServer(server);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException failure) {
            throw new UncheckedIOException("the simulated bank's SFTP server did not stop: " + failure.getMessage(), failure);
        }
    }
}
