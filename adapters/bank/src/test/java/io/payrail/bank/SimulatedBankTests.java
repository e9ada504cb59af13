package io.payrail.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatedBankTests {
    private static final Duration WAIT_MAX = Duration.ofSeconds(30);

    @Test
    void the_background_loop_picks_up_and_acknowledges_files_without_a_manual_step() throws Exception {
        try (BankFixture fixture = new BankFixture()) {
            fixture.bank.runInBackground(fixture.clock, SimulatedBank.BACKGROUND_INTERVAL_MIN);
            fixture.transfer.upload("PAY.ach", BankFileKind.ACH_FILE, BankFixture.achFile("A", "100200300"));

            long deadline = System.nanoTime() + WAIT_MAX.toNanos();
            while (!fixture.outboundAtBank().contains("ACK_PAY.ach.txt") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            assertThat(fixture.outboundAtBank()).contains("ACK_PAY.ach.txt");
            assertThat(fixture.inboundAtBank()).isEmpty();
        }
    }

    @Test
    void a_restarted_bank_keeps_its_host_key_and_still_rejects_a_file_it_processed_before() throws Exception {
        byte[] file = BankFixture.achFile("A", "100200300");
        try (BankFixture fixture = new BankFixture()) {
            fixture.transfer.upload("PAY.ach", BankFileKind.ACH_FILE, file);
            assertThat(fixture.bankStep().acceptedFiles()).containsExactly("PAY.ach");
            fixture.bank.close();

            try (SimulatedBank restarted = SimulatedBank.start(BankConnections.simulatedSettings(fixture.directory.resolve("bank"),
                    fixture.clientKey.getPublic(), new SplittableRandom(42)))) {
                Files.write(restarted.inboundFolder().resolve("AGAIN.ach"), file);

                BankStep step = restarted.processUntil(fixture.clock.instant());

                assertThat(restarted.hostKeyFingerprint()).isEqualTo(fixture.bank.hostKeyFingerprint());
                assertThat(step.rejectedFiles()).containsExactly("AGAIN.ach");
                assertThat(Files.readString(restarted.outboundFolder().resolve("ACK_AGAIN.ach.txt"))).contains("duplicate file");
            }
        }
    }

    @Test
    void the_bank_refuses_to_go_back_in_time() {
        try (BankFixture fixture = new BankFixture()) {
            fixture.bankStep();

            assertThatThrownBy(() -> fixture.bank.processUntil(fixture.clock.instant().minusSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("only moves forward");
        }
    }
}
