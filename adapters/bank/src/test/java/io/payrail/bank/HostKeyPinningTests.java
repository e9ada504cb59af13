package io.payrail.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostKeyPinningTests {
    private final BankFixture fixture = new BankFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void a_changed_host_key_is_refused_naming_the_host_and_both_fingerprints() {
        PublicKey previousKey = SshKeys.generate().getPublic();
        Path knownHosts = fixture.directory.resolve("known_hosts_changed");
        SshKeys.writeKnownHosts(knownHosts, "127.0.0.1", fixture.bank.port(), previousKey);

        try (BankFileTransfer transfer = fixture.newTransfer(pinned(HostKeyPinning.knownHosts(knownHosts)), FileProtection.NONE)) {
            assertThatThrownBy(() -> transfer.upload("PAY.ach", BankFileKind.ACH_FILE, BankFixture.achFile("A", "100200300")))
                    .isInstanceOf(HostKeyRefusedException.class)
                    .hasMessageContaining("127.0.0.1:" + fixture.bank.port())
                    .hasMessageContaining("changed")
                    .hasMessageContaining("expected " + SshKeys.fingerprint(previousKey))
                    .hasMessageContaining("presented " + fixture.bank.hostKeyFingerprint());
            assertThat(fixture.inboundAtBank()).isEmpty();
            BankFileRecord record = transfer.outbound("PAY.ach").orElseThrow();
            assertThat(record.state()).isEqualTo(BankFileState.UPLOADING);
            assertThat(record.detail()).contains("host key refused");
        }
    }

    @Test
    void an_unknown_host_is_refused_and_never_trusted_on_first_use() {
        Path knownHosts = fixture.directory.resolve("known_hosts_other_host");
        SshKeys.writeKnownHosts(knownHosts, "bank.example.com", 22, fixture.bank.hostKey());

        try (BankFileTransfer transfer = fixture.newTransfer(pinned(HostKeyPinning.knownHosts(knownHosts)), FileProtection.NONE)) {
            assertThatThrownBy(transfer::receive)
                    .isInstanceOf(HostKeyRefusedException.class)
                    .hasMessageContaining("is unknown")
                    .hasMessageContaining(fixture.bank.hostKeyFingerprint());
            assertThatThrownBy(transfer::receive).isInstanceOf(HostKeyRefusedException.class);
        }
    }

    @Test
    void a_pinned_fingerprint_admits_the_right_key_and_refuses_another() {
        try (BankFileTransfer right = fixture.newTransfer(pinned(HostKeyPinning.fingerprint(fixture.bank.hostKeyFingerprint())),
                FileProtection.NONE)) {
            assertThat(right.upload("PAY.ach", BankFileKind.ACH_FILE, BankFixture.achFile("A", "100200300")))
                    .isInstanceOf(UploadResult.Sent.class);
        }
        String otherFingerprint = SshKeys.fingerprint(SshKeys.generate().getPublic());
        try (BankFileTransfer wrong = fixture.newTransfer(pinned(HostKeyPinning.fingerprint(otherFingerprint)), FileProtection.NONE)) {
            assertThatThrownBy(wrong::receive)
                    .isInstanceOf(HostKeyRefusedException.class)
                    .hasMessageContaining("expected " + otherFingerprint);
        }
    }

    @Test
    void a_fingerprint_that_is_not_sha256_is_refused_at_configuration() {
        assertThatThrownBy(() -> HostKeyPinning.fingerprint("MD5:12:34"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SHA256:");
    }

    private BankConnectionSettings pinned(HostKeyPinning pinning) {
        return new BankConnectionSettings(fixture.bank.address(), fixture.clientKeyFile, pinning,
                SimulatedBank.INBOUND_FOLDER, SimulatedBank.OUTBOUND_FOLDER, Optional.empty());
    }
}
