package io.payrail.bank.internal;

import java.io.IOException;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;

/** One authenticated SFTP session. Closing it closes the SSH session too. */
public record SftpConnection(ClientSession session, SftpClient sftp) implements AutoCloseable {
    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException ignored) {
            // The session is closed next anyway; a failed SFTP close changes nothing we record.
        } finally {
            // Graceful: the bank sees an orderly disconnect, not a reset, after every transfer.
            session.close(false);
        }
    }
}
