package io.payrail.bank;

import io.payrail.platform.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.payrail.bank.internal.Hashes;
import io.payrail.platform.UuidV7Generator;
import io.payrail.platform.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Payrail's SFTP client against a real OpenSSH server (Debian's openssh-server, internal-sftp). */
class OpenSshServerTests {
    private static Path directory;
    private static KeyPair clientKey;
    private static OpenSshServer server;
    private static TestDatabase database;
    private static Path bankFolder;

    @BeforeAll
    static void startServer() throws Exception {
        if (!OpenSshServer.installed()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but " + OpenSshServer.SSHD + " is missing: install openssh-server");
            }
            assumeTrue(false, OpenSshServer.SSHD + " is not installed: skipping the OpenSSH tests");
        }
        directory = Files.createTempDirectory("payrail-openssh-test");
        clientKey = SshKeys.generate();
        SshKeys.write(clientKey, directory.resolve("client_key"));
        bankFolder = directory.resolve("bank");
        Files.createDirectories(bankFolder.resolve("inbound"));
        Files.createDirectories(bankFolder.resolve("outbound"));
        server = OpenSshServer.start(directory, SshKeys.generate(), clientKey.getPublic());
        database = TestDatabase.create("platform", "bank");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.close();
        }
        TestDirectories.delete(directory);
    }

    @Test
    void a_file_uploaded_to_openssh_appears_complete_under_its_final_name_with_no_temporary_left() throws Exception {
        byte[] file = BankFixture.achFile("A", "100200300");
        try (BankFileTransfer transfer = transfer(HostKeyPinning.fingerprint(SshKeys.fingerprint(server.hostKey.getPublic())))) {
            UploadResult result = transfer.upload("OPENSSH_UPLOAD.ach", BankFileKind.ACH_FILE, file);

            assertThat(result).isInstanceOf(UploadResult.Sent.class);
            assertThat(Files.readAllBytes(bankFolder.resolve("inbound/OPENSSH_UPLOAD.ach"))).isEqualTo(file);
            try (var files = Files.list(bankFolder.resolve("inbound"))) {
                assertThat(files.map(path -> path.getFileName().toString()).toList()).containsExactly("OPENSSH_UPLOAD.ach");
            }
            assertThat(transfer.upload("OPENSSH_UPLOAD.ach", BankFileKind.ACH_FILE, file)).isInstanceOf(UploadResult.AlreadySent.class);
        }
    }

    @Test
    void files_the_bank_writes_are_downloaded_archived_and_recorded_and_temporary_names_are_left_alone() throws Exception {
        byte[] returns = "returns file".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Files.write(bankFolder.resolve("outbound/RET_20261124_1.ach"), returns);
        Files.write(bankFolder.resolve("outbound/RET_20261124_2.ach.part"), returns);
        Path knownHosts = directory.resolve("known_hosts");
        SshKeys.writeKnownHosts(knownHosts, "127.0.0.1", server.port, server.hostKey.getPublic());
        try (BankFileTransfer transfer = transfer(HostKeyPinning.knownHosts(knownHosts))) {
            List<InboundFile> received = transfer.receive();

            assertThat(received).hasSize(1);
            BankFileRecord record = received.getFirst().record();
            assertThat(record.fileName()).isEqualTo("RET_20261124_1.ach");
            assertThat(record.kind()).isEqualTo(BankFileKind.RETURNS);
            assertThat(record.sha256()).isEqualTo(Hashes.sha256(returns));
            assertThat(Files.readAllBytes(Path.of(record.archivePath()))).isEqualTo(returns);
            assertThat(transfer.receive()).isEmpty();
        }
    }

    @Test
    void openssh_presenting_a_key_other_than_the_pinned_one_is_refused() {
        String pinned = SshKeys.fingerprint(SshKeys.generate().getPublic());
        try (BankFileTransfer transfer = transfer(HostKeyPinning.fingerprint(pinned))) {
            assertThatThrownBy(transfer::receive)
                    .isInstanceOf(HostKeyRefusedException.class)
                    .hasMessageContaining("127.0.0.1:" + server.port)
                    .hasMessageContaining("expected " + pinned)
                    .hasMessageContaining("presented " + SshKeys.fingerprint(server.hostKey.getPublic()));
        }
    }

    private BankFileTransfer transfer(HostKeyPinning pinning) {
        BankConnectionSettings settings = new BankConnectionSettings(
                new SftpAddress(server.user, "127.0.0.1", server.port, bankFolder.toString()), directory.resolve("client_key"),
                pinning, "inbound", "outbound", Optional.empty());
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
        return new BankFileTransfer(settings, database.transactions(), directory.resolve("archive"), FileProtection.NONE, clock,
                new UuidV7Generator(clock, new SplittableRandom()));
    }
}
