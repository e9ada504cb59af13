package io.payrail.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenPgpProtectionTests {
    private static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");
    private static final char[] PAYRAIL_PASSPHRASE = "payrail secret".toCharArray();
    private static final char[] BANK_PASSPHRASE = "bank secret".toCharArray();
    private static final PgpKeys PAYRAIL = PgpKeys.generate("Payrail <ops@payrail.example>", PAYRAIL_PASSPHRASE, CREATED, PgpKeys.RSA_BITS_MIN);
    private static final PgpKeys BANK = PgpKeys.generate("Bank <sftp@bank.example>", BANK_PASSPHRASE, CREATED, PgpKeys.RSA_BITS_MIN);
    private static final PgpKeys STRANGER = PgpKeys.generate("Stranger <x@example>", new char[0], CREATED, PgpKeys.RSA_BITS_MIN);
    private static final byte[] CONTENT = BankFixture.achFile("A", "100200300");

    private static OpenPgpProtection payrail() {
        return new OpenPgpProtection(PAYRAIL.secretRing(), PAYRAIL_PASSPHRASE, BANK.publicRing());
    }

    private static OpenPgpProtection bank() {
        return new OpenPgpProtection(BANK.secretRing(), BANK_PASSPHRASE, PAYRAIL.publicRing());
    }

    @Test
    void a_file_encrypted_and_signed_by_payrail_is_decrypted_and_verified_by_the_bank_and_back() {
        byte[] wire = payrail().protect(CONTENT);

        assertThat(new String(wire, StandardCharsets.ISO_8859_1)).doesNotContain("PAYRAIL");
        assertThat(bank().unprotect(wire)).isEqualTo(CONTENT);
        assertThat(payrail().unprotect(bank().protect(CONTENT))).isEqualTo(CONTENT);
    }

    @Test
    void a_file_encrypted_for_another_key_is_refused_naming_the_keys() {
        byte[] forStranger = new OpenPgpProtection(PAYRAIL.secretRing(), PAYRAIL_PASSPHRASE, STRANGER.publicRing()).protect(CONTENT);

        assertThatThrownBy(() -> bank().unprotect(forStranger))
                .isInstanceOf(FileProtectionException.class)
                .hasMessageContaining("not for our key")
                .hasMessageContaining(String.format("%016X", BANK.publicRing().getPublicKey().getKeyID()))
                .hasMessageContaining("wrong key");
    }

    @Test
    void a_file_signed_by_an_unexpected_key_is_refused() {
        byte[] signedByStranger = new OpenPgpProtection(STRANGER.secretRing(), new char[0], BANK.publicRing()).protect(CONTENT);

        assertThatThrownBy(() -> bank().unprotect(signedByStranger))
                .isInstanceOf(FileProtectionException.class)
                .hasMessageContaining("signed by key " + String.format("%016X", STRANGER.publicRing().getPublicKey().getKeyID()))
                .hasMessageContaining("not by the expected key");
    }

    @Test
    void a_wrong_passphrase_is_a_clear_error() {
        OpenPgpProtection wrongPassphrase = new OpenPgpProtection(PAYRAIL.secretRing(), "guess".toCharArray(), BANK.publicRing());

        assertThatThrownBy(() -> wrongPassphrase.protect(CONTENT))
                .isInstanceOf(FileProtectionException.class)
                .hasMessageContaining("wrong passphrase");
    }

    @Test
    void a_modified_or_plain_file_is_refused() {
        byte[] wire = payrail().protect(CONTENT);
        wire[wire.length - 30] ^= 0x55;

        assertThatThrownBy(() -> bank().unprotect(wire)).isInstanceOf(FileProtectionException.class);
        assertThatThrownBy(() -> bank().unprotect(CONTENT))
                .isInstanceOf(FileProtectionException.class)
                .hasMessageContaining("not OpenPGP");
    }

    @Test
    void keys_written_as_armored_files_load_through_the_settings() throws Exception {
        Path directory = Files.createTempDirectory("payrail-pgp");
        PAYRAIL.writeArmored(directory.resolve("payrail.asc"), directory.resolve("payrail.pub.asc"));
        BANK.writeArmored(directory.resolve("bank.asc"), directory.resolve("bank.pub.asc"));

        OpenPgpProtection loaded = OpenPgpProtection.load(new PgpSettings(directory.resolve("payrail.asc"), PAYRAIL_PASSPHRASE,
                directory.resolve("bank.pub.asc")));

        try {
            assertThat(bank().unprotect(loaded.protect(CONTENT))).isEqualTo(CONTENT);
            assertThatThrownBy(() -> OpenPgpProtection.load(new PgpSettings(directory.resolve("missing.asc"), PAYRAIL_PASSPHRASE,
                    directory.resolve("bank.pub.asc"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("missing.asc");
        } finally {
            TestDirectories.delete(directory);
        }
    }

    @Test
    void the_simulated_bank_and_payrail_exchange_encrypted_signed_files_end_to_end() {
        try (BankFixture fixture = new BankFixture(settings -> settings.withProtection(bank()), payrail())) {
            UploadResult sent = fixture.transfer.upload("PAY.ach", BankFileKind.ACH_FILE, CONTENT);
            assertThat(sent.record().sha256()).isNotEqualTo(sent.record().contentSha256());

            assertThat(fixture.bankStep().acceptedFiles()).containsExactly("PAY.ach");
            List<InboundFile> received = fixture.transfer.receive();

            assertThat(received).hasSize(1);
            assertThat(new String(received.getFirst().content(), StandardCharsets.UTF_8)).startsWith(Acknowledgment.HEADER);
            assertThat(fixture.transfer.outbound("PAY.ach").orElseThrow().state()).isEqualTo(BankFileState.ACKNOWLEDGED);
        }
    }

    @Test
    void a_file_payrail_cannot_decrypt_is_recorded_as_unreadable_with_the_reason() {
        OpenPgpProtection bankForStranger = new OpenPgpProtection(BANK.secretRing(), BANK_PASSPHRASE, STRANGER.publicRing());
        try (BankFixture fixture = new BankFixture(settings -> settings.withProtection(bankForStranger), payrail())) {
            fixture.transfer.upload("PAY.ach", BankFileKind.ACH_FILE, CONTENT);
            fixture.bankStep();

            List<InboundFile> received = fixture.transfer.receive();

            assertThat(received).hasSize(1);
            assertThat(received.getFirst().record().state()).isEqualTo(BankFileState.UNREADABLE);
            assertThat(received.getFirst().record().detail()).contains("not for our key");
            assertThat(fixture.transfer.outbound("PAY.ach").orElseThrow().state()).isEqualTo(BankFileState.SENT);
        }
    }
}
