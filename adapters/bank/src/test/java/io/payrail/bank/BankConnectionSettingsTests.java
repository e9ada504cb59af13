package io.payrail.bank;

import io.payrail.platform.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.UuidV7Generator;
import io.payrail.platform.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BankConnectionSettingsTests {
    @Test
    void without_the_url_variable_there_are_no_settings() {
        assertThat(BankConnectionSettings.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void a_full_environment_names_the_server_the_keys_and_the_folders() {
        var settings = BankConnectionSettings.fromEnvironment(Map.of(
                "PAYRAIL_BANK_SFTP_URL", "sftp://payrail@sftp.bank.example:2222/ach",
                "PAYRAIL_BANK_PRIVATE_KEY", "/keys/id_ecdsa",
                "PAYRAIL_BANK_HOST_KEY_FINGERPRINT", "SHA256:abc",
                "PAYRAIL_BANK_UPLOAD_FOLDER", "to-bank",
                "PAYRAIL_BANK_PGP_SECRET_KEY", "/keys/payrail.asc",
                "PAYRAIL_BANK_PGP_BANK_PUBLIC_KEY", "/keys/bank.asc")).orElseThrow();

        assertThat(settings.address()).isEqualTo(new SftpAddress("payrail", "sftp.bank.example", 2222, "/ach"));
        assertThat(settings.uploadPath()).isEqualTo("/ach/to-bank");
        assertThat(settings.downloadPath()).isEqualTo("/ach/outbound");
        assertThat(settings.hostKeyPinning().fingerprint()).contains("SHA256:abc");
        assertThat(settings.pgp()).isPresent();
        assertThat(settings.pgp().orElseThrow().toString()).doesNotContain("passphrase=[");
    }

    @Test
    void a_url_without_a_pinned_host_key_is_refused() {
        assertThatThrownBy(() -> BankConnectionSettings.fromEnvironment(Map.of(
                "PAYRAIL_BANK_SFTP_URL", "sftp://payrail@sftp.bank.example/ach",
                "PAYRAIL_BANK_PRIVATE_KEY", "/keys/id_ecdsa")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PAYRAIL_BANK_KNOWN_HOSTS or PAYRAIL_BANK_HOST_KEY_FINGERPRINT");
    }

    @Test
    void malformed_urls_get_one_line_messages() {
        assertThatThrownBy(() -> SftpAddress.parse("ftp://payrail@host/x")).hasMessageContaining("must start with sftp://");
        assertThatThrownBy(() -> SftpAddress.parse("sftp://host/x")).hasMessageContaining("must name a user");
        assertThatThrownBy(() -> SftpAddress.parse("sftp://user:secret@host/x")).hasMessageContaining("no password");
        assertThat(SftpAddress.parse("sftp://user@host").port()).isEqualTo(22);
    }

    @Test
    void without_settings_the_factory_starts_the_simulated_bank_with_keys_generated_in_its_directory() throws Exception {
        Path home = Files.createTempDirectory("payrail-bank-home");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
        try (TestDatabase database = TestDatabase.create("platform", "bank");
                BankConnection connection = BankConnections.open(Map.of(), home, database.transactions(), clock,
                        new UuidV7Generator(clock, new SplittableRandom(1)), new SplittableRandom(2))) {
            SimulatedBank bank = connection.simulatedBank().orElseThrow();

            assertThat(connection.settings().address().host()).isEqualTo("127.0.0.1");
            assertThat(connection.settings().address().port()).isEqualTo(bank.port()).isPositive();
            assertThat(home.resolve("payrail_id_ecdsa")).exists();
            assertThat(Files.readString(home.resolve("known_hosts"))).contains(SshKeys.authorizedKeyLine(bank.hostKey()));
            UploadResult sent = connection.transfer().upload("HELLO.ach", BankFileKind.ACH_FILE, BankFixture.achFile("A", "100200300"));
            assertThat(sent).isInstanceOf(UploadResult.Sent.class);
            assertThat(bank.processUntil(clock.instant()).acceptedFiles()).containsExactly("HELLO.ach");
            assertThat(BankAdmin.format(new BankAdmin(database.transactions(), clock).listFiles(BankAdmin.Filter.parse("outbound", null), 10)))
                    .contains("HELLO.ach").contains("sent");
        } finally {
            TestDirectories.delete(home);
        }
    }
}
