package io.payrail.ach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoticesTests {
    @Test
    void returns_become_typed_values_with_their_reason() {
        AchFile file = AchFiles.read(Corpus.file("return-WEB.ach"), ReaderOptions.strict()).file().orElseThrow();
        List<Notice> notices = Notices.from(file);
        assertThat(notices).hasSize(2).allSatisfy(notice -> assertThat(notice).isInstanceOf(Notice.Returned.class));
        Notice.Returned first = (Notice.Returned) notices.getFirst();
        assertThat(first.reason()).isEqualTo(ReturnReason.R01);
        assertThat(first.reason().meaning()).isEqualTo("Insufficient funds");
        assertThat(first.reason().mayBeRepresented()).isTrue();
        assertThat(first.kind()).isEqualTo(Notice.ReturnKind.RETURN);
        assertThat(first.originalTraceNumber()).isEqualTo(91400600000001L);
        assertThat(first.debit()).isTrue();
        assertThat(first.amountCents()).isEqualTo(12_354);
        Notice.Returned second = (Notice.Returned) notices.get(1);
        assertThat(second.reason()).isEqualTo(ReturnReason.R03);
        assertThat(second.reason().closesAccount()).isTrue();
    }

    @Test
    void a_notification_of_change_carries_the_corrected_account_number() {
        AchFile file = AchFiles.read(Corpus.file("cor-example.ach"), ReaderOptions.strict()).file().orElseThrow();
        assertThat(Notices.from(file)).singleElement().isInstanceOfSatisfying(Notice.Change.class, change -> {
            assertThat(change.code()).isEqualTo(ChangeCode.C01);
            assertThat(change.code().meaning()).isEqualTo("Incorrect DFI account number");
            assertThat(change.correctedAccountNumber()).contains("1918171614");
            assertThat(change.correctedRoutingNumber()).isEmpty();
            assertThat(change.toString()).doesNotContain("1918171614");
        });
    }

    @Test
    void corrected_routing_account_and_transaction_code_are_read_by_change_code() {
        Notice.Change c07 = new Notice.Change(1, "12104288", ChangeCode.C07, "12104288212345678901234567" + "32");
        assertThat(c07.correctedRoutingNumber()).contains("121042882");
        assertThat(c07.correctedAccountNumber()).contains("12345678901234567");
        assertThat(c07.correctedTransactionCode()).contains(32);
        Notice.Change c03 = new Notice.Change(1, "12104288", ChangeCode.C03, "121042882   ACCOUNT42");
        assertThat(c03.correctedAccountNumber()).contains("ACCOUNT42");
    }

    @Test
    void return_reasons_cover_r01_to_r85_and_change_codes_c01_to_c13() {
        assertThat(ReturnReason.values()).hasSize(70);
        assertThat(ReturnReason.parse("R85")).contains(ReturnReason.R85);
        assertThat(ReturnReason.parse("R97")).isEmpty();
        assertThat(Arrays.stream(ReturnReason.values()).filter(ReturnReason::isDishonored))
                .containsExactly(ReturnReason.R61, ReturnReason.R62, ReturnReason.R67, ReturnReason.R68,
                        ReturnReason.R69, ReturnReason.R70);
        assertThat(ChangeCode.values()).hasSize(13);
        assertThat(ChangeCode.parse("C14")).isEmpty();
    }

    @Test
    void dishonored_and_contested_returns_use_their_own_layouts_and_survive_a_roundtrip() {
        long trace = 231380100000001L;
        StandardEntry detail = new StandardEntry(26, "12104288", '2', "123456789", 2_550, "", "JANE DOE", "", '1',
                trace);
        Addenda99.Dishonored dishonored = new Addenda99.Dishonored("R69", 121042880000007L, "12104288",
                "091400600000001", "123", "01", "FIELD ERROR", trace);
        Addenda99.Contested contested = new Addenda99.Contested("R73", 121042880000007L, "261101", "12104288", "305",
                "091400600000001", "306", "01", "231380100000009", "307", "69", trace + 1);
        StandardEntry second = new StandardEntry(26, "12104288", '2', "123456789", 2_550, "", "JANE DOE", "", '1',
                trace + 1);
        AchFile file = AchFile.of(Samples.fileHeader(), List.of(Batch.of(Samples.batchHeader(225, "PPD", 1),
                List.of(Entry.of(detail, dishonored), Entry.of(second, contested)))));
        ReadResult read = AchFiles.read(new java.io.ByteArrayInputStream(AchFiles.toBytes(file,
                WriterOptions.standard())), ReaderOptions.strict());
        assertThat(read.problems()).isEmpty();
        List<Entry> entries = read.file().orElseThrow().batches().getFirst().entries();
        assertThat(entries.get(0).addenda()).containsExactly(dishonored);
        assertThat(entries.get(1).addenda()).containsExactly(contested);
        assertThat(Notices.from(read.file().orElseThrow())).extracting(notice -> ((Notice.Returned) notice).kind())
                .containsExactly(Notice.ReturnKind.DISHONORED, Notice.ReturnKind.CONTESTED);
    }
}
