package io.payrail.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.bank.internal.Hashes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedBankTransferTests {
    private final BankFixture fixture = new BankFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void an_upload_is_recorded_appears_at_the_bank_under_its_final_name_and_is_acknowledged() throws Exception {
        byte[] file = BankFixture.achFile("A", "100200300");

        UploadResult result = fixture.transfer.upload("PAYRAIL_20261123_A.ach", BankFileKind.ACH_FILE, file);

        assertThat(result).isInstanceOf(UploadResult.Sent.class);
        BankFileRecord sent = result.record();
        assertThat(sent.state()).isEqualTo(BankFileState.SENT);
        assertThat(sent.sha256()).isEqualTo(Hashes.sha256(file));
        assertThat(sent.sizeBytes()).isEqualTo(file.length);
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sent.transferStartedAt()).isNotNull();
        assertThat(sent.transferFinishedAt()).isNotNull();
        assertThat(Files.readAllBytes(Path.of(sent.archivePath()))).isEqualTo(file);
        assertThat(fixture.inboundAtBank()).containsExactly("PAYRAIL_20261123_A.ach");

        BankStep step = fixture.bankStep();
        assertThat(step.acceptedFiles()).containsExactly("PAYRAIL_20261123_A.ach");
        assertThat(fixture.inboundAtBank()).as("the bank deletes what it picked up").isEmpty();

        List<InboundFile> received = fixture.transfer.receive();
        assertThat(received).extracting(inbound -> inbound.record().kind()).containsExactly(BankFileKind.ACKNOWLEDGMENT);
        BankFileRecord acknowledged = fixture.transfer.outbound("PAYRAIL_20261123_A.ach").orElseThrow();
        assertThat(acknowledged.state()).isEqualTo(BankFileState.ACKNOWLEDGED);
        assertThat(acknowledged.acknowledgedAt()).isNotNull();
        assertThat(historyOf(acknowledged)).containsExactly("prepared", "uploading", "rename_requested", "sent", "acknowledged");
    }

    @Test
    void uploading_the_same_file_again_sends_nothing() {
        byte[] file = BankFixture.achFile("A", "100200300");
        fixture.transfer.upload("ONCE.ach", BankFileKind.ACH_FILE, file);
        fixture.bankStep();

        UploadResult again = fixture.transfer.upload("ONCE.ach", BankFileKind.ACH_FILE, file);

        assertThat(again).isInstanceOf(UploadResult.AlreadySent.class);
        assertThat(again.record().attempts()).isEqualTo(1);
        assertThat(fixture.inboundAtBank()).isEmpty();
    }

    @Test
    void a_different_content_under_a_name_already_used_is_refused() {
        fixture.transfer.upload("NAME.ach", BankFileKind.ACH_FILE, BankFixture.achFile("A", "100200300"));

        UploadResult other = fixture.transfer.upload("NAME.ach", BankFileKind.ACH_FILE, BankFixture.achFile("B", "100200300"));

        assertThat(other).isInstanceOf(UploadResult.ConflictingContent.class);
        assertThat(other.record().state()).isEqualTo(BankFileState.SENT);
    }

    @Test
    void the_bank_ignores_a_file_still_under_a_temporary_name() throws Exception {
        Files.write(fixture.bank.inboundFolder().resolve("HALF.ach.part"), BankFixture.achFile("A", "100200300"));

        BankStep step = fixture.bankStep();

        assertThat(step.acceptedFiles()).isEmpty();
        assertThat(step.rejectedFiles()).isEmpty();
        assertThat(fixture.inboundAtBank()).containsExactly("HALF.ach.part");
        assertThat(fixture.outboundAtBank()).noneMatch(name -> name.startsWith("ACK_"));
    }

    @Test
    void the_bank_rejects_a_second_copy_of_a_file_under_another_name() {
        byte[] file = BankFixture.achFile("A", "100200300");
        fixture.transfer.upload("FIRST.ach", BankFileKind.ACH_FILE, file);
        fixture.bankStep();
        fixture.transfer.upload("SECOND.ach", BankFileKind.ACH_FILE, file);

        BankStep step = fixture.bankStep();
        fixture.transfer.receive();

        assertThat(step.rejectedFiles()).containsExactly("SECOND.ach");
        BankFileRecord second = fixture.transfer.outbound("SECOND.ach").orElseThrow();
        assertThat(second.state()).isEqualTo(BankFileState.REJECTED);
        assertThat(second.detail()).contains("duplicate file").contains(Hashes.sha256(file));
        assertThat(fixture.transfer.outbound("FIRST.ach").orElseThrow().state()).isEqualTo(BankFileState.ACKNOWLEDGED);
    }

    @Test
    void the_bank_rejects_a_file_with_an_origin_date_and_file_id_modifier_already_processed() {
        fixture.transfer.upload("FIRST.ach", BankFileKind.ACH_FILE, BankFixture.achFile("A", "100200300"));
        fixture.transfer.upload("OTHER.ach", BankFileKind.ACH_FILE, BankFixture.achFile("A", "999888777"));

        BankStep step = fixture.bankStep();
        fixture.transfer.receive();

        assertThat(step.acceptedFiles()).containsExactly("FIRST.ach");
        assertThat(step.rejectedFiles()).containsExactly("OTHER.ach");
        assertThat(fixture.transfer.outbound("OTHER.ach").orElseThrow().detail())
                .contains("duplicate file").contains("file id modifier").contains("/A");
    }

    @Test
    void the_bank_rejects_an_invalid_ach_file_with_its_reasons() {
        List<String> lines = new java.util.ArrayList<>(AchTestFiles.lines(BankFixture.achFile("A", "100200300")));
        String entry = lines.get(2);
        lines.set(2, entry.substring(0, 29) + "0000099999" + entry.substring(39));
        byte[] broken = (String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        fixture.transfer.upload("BROKEN.ach", BankFileKind.ACH_FILE, broken);

        fixture.bankStep();
        fixture.transfer.receive();

        BankFileRecord rejected = fixture.transfer.outbound("BROKEN.ach").orElseThrow();
        assertThat(rejected.state()).isEqualTo(BankFileState.REJECTED);
        assertThat(rejected.detail()).contains("TOTAL_MISMATCH").contains("totalCreditEntryDollarAmount");
    }

    @Test
    void inbound_files_are_archived_recorded_and_never_received_twice() throws Exception {
        fixture.transfer.upload("PAY.ach", BankFileKind.ACH_FILE, BankFixture.achFile("A", "100200300"));
        fixture.bankStep();

        List<InboundFile> first = fixture.transfer.receive();
        List<InboundFile> second = fixture.transfer.receive();

        assertThat(first).hasSize(1);
        BankFileRecord record = first.getFirst().record();
        assertThat(record.state()).isEqualTo(BankFileState.RECEIVED);
        assertThat(record.fileName()).isEqualTo("ACK_PAY.ach.txt");
        assertThat(Files.readAllBytes(Path.of(record.archivePath()))).isEqualTo(first.getFirst().content());
        assertThat(record.sha256()).isEqualTo(Hashes.sha256(first.getFirst().content()));
        assertThat(second).isEmpty();
        assertThat(fixture.transfer.list(FileDirection.INBOUND, Set.of(BankFileState.values()), 10)).hasSize(1);
    }

    @Test
    void received_files_wait_in_the_inbox_until_a_consumer_marks_them_processed() {
        fixture.transfer.upload("PAY.ach", BankFileKind.ACH_FILE, BankFixture.achFile("A", "100200300"));
        fixture.bankStep();
        List<InboundFile> received = fixture.transfer.receive();

        List<InboundFile> waiting = fixture.transfer.unprocessed(10);
        assertThat(waiting).hasSize(1);
        assertThat(waiting.getFirst().content()).isEqualTo(received.getFirst().content());

        assertThat(fixture.transfer.markProcessed(waiting.getFirst().record().id())).isTrue();
        assertThat(fixture.transfer.markProcessed(waiting.getFirst().record().id())).as("only once").isFalse();
        assertThat(fixture.transfer.unprocessed(10)).isEmpty();
    }

    @Test
    void a_file_name_that_could_escape_the_folder_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> fixture.transfer.upload("../etc/passwd", BankFileKind.ACH_FILE, new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bank file name must be");
        assertThatThrownBy(() -> fixture.transfer.upload("FILE.ach.part", BankFileKind.ACH_FILE, new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".part");
        assertThat(fixture.transfer.list(FileDirection.OUTBOUND, Set.of(BankFileState.values()), 10)).isEmpty();
    }

    private List<String> historyOf(BankFileRecord record) {
        return fixture.database.transactions().read(connection -> {
            try (var select = connection.prepareStatement(
                    "SELECT to_state FROM bank_file_history WHERE file_id = ? ORDER BY sequence")) {
                select.setObject(1, record.id());
                List<String> states = new java.util.ArrayList<>();
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        states.add(rows.getString(1));
                    }
                }
                return states;
            }
        });
    }
}
