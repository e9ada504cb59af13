package io.payrail.bank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on loopback, started as the current user with a generated host key, one
 * authorized key and the internal SFTP server. Tests skip when {@code /usr/sbin/sshd} is missing,
 * except under {@code CI=true}, where a missing sshd is a failure.
 */
final class OpenSshServer implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    final Path directory;
    final KeyPair hostKey;
    final int port;
    final String user = System.getProperty("user.name");
    private final Process process;

    private OpenSshServer(Path directory, KeyPair hostKey, int port, Process process) {
        this.directory = directory;
        this.hostKey = hostKey;
        this.port = port;
        this.process = process;
    }

    static boolean installed() {
        return Files.isExecutable(SSHD);
    }

    static OpenSshServer start(Path directory, KeyPair hostKey, java.security.PublicKey authorizedKey) throws IOException {
        Path hostKeyFile = directory.resolve("ssh_host_ecdsa_key");
        SshKeys.write(hostKey, hostKeyFile);
        Files.writeString(directory.resolve("authorized_keys"), SshKeys.authorizedKeyLine(authorizedKey) + "\n");
        int port = freePort();
        String user = System.getProperty("user.name");
        Path config = directory.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKeyFile,
                "PidFile " + directory.resolve("sshd.pid"),
                "AuthorizedKeysFile " + directory.resolve("authorized_keys"),
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "AllowUsers " + user,
                "PermitRootLogin prohibit-password",
                "Subsystem sftp internal-sftp",
                "LogLevel ERROR",
                ""));
        privilegeSeparationDirectory();
        Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("sshd.log").toFile()).start();
        OpenSshServer server = new OpenSshServer(directory, hostKey, port, process);
        server.awaitListening();
        return server;
    }

    /** Run as root, sshd needs its privilege separation directory; a fresh container may lack it. */
    private static void privilegeSeparationDirectory() throws IOException {
        Path directory = Path.of("/run/sshd");
        if ("root".equals(System.getProperty("user.name")) && !Files.isDirectory(directory)) {
            Files.createDirectories(directory);
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited with " + process.exitValue() + ": "
                        + Files.readString(directory.resolve("sshd.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        close();
        throw new IllegalStateException("sshd did not listen on port " + port + " within " + START_TIMEOUT);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
