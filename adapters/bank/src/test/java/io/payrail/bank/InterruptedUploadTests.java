package io.payrail.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InterruptedUploadTests {
    /** About 190 kB: large enough that the client sends it in many SFTP writes. */
    private static final byte[] LARGE_FILE = AchTestFiles.credits(BankFixture.DAY, "A",
            IntStream.range(0, 2_000).mapToObj(index -> new AchTestFiles.Payment("55500" + index + "0", 1_000 + index)).toList());

    @Test
    void a_connection_cut_in_the_middle_of_an_upload_leaves_nothing_under_the_final_name_and_the_retry_sends_one_copy()
            throws Exception {
        ConnectionCutter cutter = ConnectionCutter.afterBytes(64 * 1024);
        try (BankFixture fixture = new BankFixture(settings -> settings.withSftpListeners(List.of(cutter)), FileProtection.NONE)) {
            UploadResult first = fixture.transfer.upload("LARGE.ach", BankFileKind.ACH_FILE, LARGE_FILE);

            assertThat(first).isInstanceOf(UploadResult.NotSentYet.class);
            assertThat(first.record().state()).isEqualTo(BankFileState.UPLOADING);
            assertThat(fixture.inboundAtBank()).doesNotContain("LARGE.ach");
            assertThat(fixture.bankStep().acceptedFiles()).as("a partial file is not picked up").isEmpty();

            UploadResult retry = fixture.transfer.upload("LARGE.ach", BankFileKind.ACH_FILE, LARGE_FILE);

            assertThat(retry).isInstanceOf(UploadResult.Sent.class);
            assertThat(retry.record().attempts()).isEqualTo(2);
            assertThat(fixture.inboundAtBank()).containsExactly("LARGE.ach");
            assertThat(Files.readAllBytes(fixture.bank.inboundFolder().resolve("LARGE.ach"))).isEqualTo(LARGE_FILE);
            BankStep step = fixture.bankStep();
            assertThat(step.acceptedFiles()).containsExactly("LARGE.ach");
            assertThat(step.rejectedFiles()).isEmpty();
            assertThat(cutter.renames.get()).isEqualTo(1);
        }
    }

    @Test
    void a_download_cut_in_the_middle_is_forgotten_and_fetched_whole_by_the_next_poll() throws Exception {
        ConnectionCutter cutter = ConnectionCutter.afterBytesRead(64 * 1024);
        try (BankFixture fixture = new BankFixture(settings -> settings.withSftpListeners(List.of(cutter)), FileProtection.NONE)) {
            Files.write(fixture.bank.outboundFolder().resolve("RET_20261123_1.ach"), LARGE_FILE);

            assertThatThrownBy(fixture.transfer::receive)
                    .isInstanceOf(BankConnectionException.class)
                    .hasMessageContaining("RET_20261123_1.ach");
            assertThat(fixture.transfer.list(FileDirection.INBOUND, java.util.EnumSet.allOf(BankFileState.class), 10))
                    .as("no half-received record is left").isEmpty();

            List<InboundFile> received = fixture.transfer.receive();

            assertThat(received).hasSize(1);
            assertThat(received.getFirst().content()).isEqualTo(LARGE_FILE);
            assertThat(received.getFirst().record().state()).isEqualTo(BankFileState.RECEIVED);
        }
    }

    @Test
    void when_the_connection_dies_after_the_rename_the_file_is_outcome_unknown_and_not_sent_again() {
        ConnectionCutter cutter = ConnectionCutter.afterRename();
        try (BankFixture fixture = new BankFixture(settings -> settings.withSftpListeners(List.of(cutter)), FileProtection.NONE)) {
            byte[] file = BankFixture.achFile("A", "100200300");
            UploadResult first = fixture.transfer.upload("PAY.ach", BankFileKind.ACH_FILE, file);

            assertThat(first).isInstanceOf(UploadResult.OutcomeUnknown.class);
            assertThat(first.record().state()).isEqualTo(BankFileState.OUTCOME_UNKNOWN);
            int writesBefore = cutter.writes.get();

            UploadResult again = fixture.transfer.upload("PAY.ach", BankFileKind.ACH_FILE, file);

            assertThat(again).isInstanceOf(UploadResult.OutcomeUnknown.class);
            assertThat(cutter.writes.get()).as("nothing written on the second call").isEqualTo(writesBefore);
            assertThat(cutter.renames.get()).isEqualTo(1);

            fixture.bankStep();
            fixture.transfer.receive();

            BankFileRecord settled = fixture.transfer.outbound("PAY.ach").orElseThrow();
            assertThat(settled.state()).as("the bank's acknowledgment settles it").isEqualTo(BankFileState.ACKNOWLEDGED);
        }
    }

    @Test
    void an_operator_who_finds_the_file_never_arrived_resolves_it_as_not_sent_and_the_next_upload_sends_it() {
        ConnectionCutter cutter = ConnectionCutter.beforeRename();
        try (BankFixture fixture = new BankFixture(settings -> settings.withSftpListeners(List.of(cutter)), FileProtection.NONE)) {
            byte[] file = BankFixture.achFile("A", "100200300");
            UploadResult first = fixture.transfer.upload("PAY.ach", BankFileKind.ACH_FILE, file);
            assertThat(first).isInstanceOf(UploadResult.OutcomeUnknown.class);
            assertThat(fixture.inboundAtBank()).containsExactly("PAY.ach.part");

            BankFileRecord resolved = fixture.transfer.resolveAsNotSent("PAY.ach", "bank support saw no file");
            UploadResult resent = fixture.transfer.upload("PAY.ach", BankFileKind.ACH_FILE, file);

            assertThat(resolved.state()).isEqualTo(BankFileState.NOT_SENT);
            assertThat(resolved.detail()).contains("bank support saw no file");
            assertThat(resent).isInstanceOf(UploadResult.Sent.class);
            assertThat(fixture.inboundAtBank()).containsExactly("PAY.ach");
            assertThat(fixture.bankStep().acceptedFiles()).containsExactly("PAY.ach");
        }
    }

    @Test
    void an_operator_can_resolve_an_unknown_outcome_as_sent_but_not_a_file_whose_outcome_is_known() {
        ConnectionCutter cutter = ConnectionCutter.afterRename();
        try (BankFixture fixture = new BankFixture(settings -> settings.withSftpListeners(List.of(cutter)), FileProtection.NONE)) {
            fixture.transfer.upload("PAY.ach", BankFileKind.ACH_FILE, BankFixture.achFile("A", "100200300"));

            BankFileRecord resolved = fixture.transfer.resolveAsSent("PAY.ach", "confirmed by phone");

            assertThat(resolved.state()).isEqualTo(BankFileState.SENT);
            assertThatThrownBy(() -> fixture.transfer.resolveAsNotSent("PAY.ach", "oops"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bank file PAY.ach is sent, not outcome_unknown: nothing to resolve");
            assertThatThrownBy(() -> fixture.transfer.resolveAsSent("NOPE.ach", "?"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no outbound bank file named NOPE.ach");
        }
    }
}
