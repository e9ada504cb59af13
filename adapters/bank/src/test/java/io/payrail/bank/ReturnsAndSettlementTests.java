package io.payrail.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReturnsAndSettlementTests {
    private static final LocalDate EFFECTIVE = BankFixture.DAY.plusDays(1);

    private static byte[] paymentsEffectiveTomorrow() {
        return AchTestFiles.credits(BankFixture.DAY, "A", EFFECTIVE, List.of(
                new AchTestFiles.Payment("4000000001", 10_000),
                new AchTestFiles.Payment("4000000002", 20_000),
                new AchTestFiles.Payment("4000000003", 30_000),
                new AchTestFiles.Payment("4000000004", 40_000)));
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    @Test
    void entries_settle_on_their_effective_date_and_accounts_ending_in_1_2_3_come_back_as_R01_R02_R03() throws Exception {
        try (BankFixture fixture = new BankFixture()) {
            fixture.transfer.upload("PAY.ach", BankFileKind.ACH_FILE, paymentsEffectiveTomorrow());

            BankStep today = fixture.bankStepAt(at(BankFixture.DAY, 10));
            assertThat(today.acceptedFiles()).containsExactly("PAY.ach");
            assertThat(today.entriesSettled()).isZero();
            assertThat(today.entriesReturned()).as("nothing settles before the effective date").isZero();

            BankStep tomorrow = fixture.bankStepAt(at(EFFECTIVE, 10));
            assertThat(tomorrow.entriesSettled()).isEqualTo(1);
            assertThat(tomorrow.entriesReturned()).isEqualTo(3);
            String returnsName = tomorrow.filesWritten().stream().filter(name -> name.startsWith("RET_")).findFirst().orElseThrow();
            byte[] returns = Files.readAllBytes(fixture.bank.outboundFolder().resolve(returnsName));

            assertThat(BankConnections.defaultValidator().validate(returns)).isInstanceOf(FileValidation.Accepted.class);
            List<String> addenda = AchTestFiles.lines(returns).stream().filter(line -> line.startsWith("799")).toList();
            assertThat(addenda).extracting(line -> line.substring(3, 6) + " for " + line.substring(6, 21))
                    .containsExactly("R01 for 021000020000001", "R02 for 021000020000002", "R03 for 021000020000003");
            List<String> entries = AchTestFiles.lines(returns).stream().filter(line -> line.startsWith("6")).toList();
            assertThat(entries).extracting(line -> line.substring(1, 3)).containsOnly("21");
            assertThat(entries).extracting(line -> Long.parseLong(line.substring(29, 39))).containsExactly(10_000L, 20_000L, 30_000L);
        }
    }

    @Test
    void each_finished_day_gets_a_settlement_report_with_its_entries_and_totals() throws Exception {
        try (BankFixture fixture = new BankFixture()) {
            fixture.transfer.upload("PAY.ach", BankFileKind.ACH_FILE, paymentsEffectiveTomorrow());
            fixture.bankStepAt(at(BankFixture.DAY, 10));
            BankStep tomorrow = fixture.bankStepAt(at(EFFECTIVE, 10));
            assertThat(tomorrow.filesWritten()).contains("SETTLE_20261123.csv").doesNotContain("SETTLE_20261124.csv");

            BankStep dayAfter = fixture.bankStepAt(at(EFFECTIVE.plusDays(1), 1));

            assertThat(dayAfter.filesWritten()).containsExactly("SETTLE_20261124.csv");
            List<String> report = Files.readAllLines(fixture.bank.outboundFolder().resolve("SETTLE_20261124.csv"));
            assertThat(report).hasSize(6);
            assertThat(report.subList(1, 5)).extracting(line -> line.substring(line.lastIndexOf(',') + 1))
                    .containsExactly("R01", "R02", "R03", "SETTLED");
            assertThat(report.get(1)).contains("****0001").doesNotContain("4000000001");
            assertThat(report.getLast()).contains("credits_settled_minor=40000").contains("returned_minor=60000");

            List<InboundFile> received = fixture.transfer.receive();
            assertThat(received).extracting(file -> file.record().kind()).containsExactlyInAnyOrder(BankFileKind.ACKNOWLEDGMENT,
                    BankFileKind.RETURNS, BankFileKind.SETTLEMENT_REPORT, BankFileKind.SETTLEMENT_REPORT);
        }
    }

    @Test
    void notifications_of_change_carry_the_corrected_account_in_addenda_98_with_zero_amount() throws Exception {
        ReturnRules allChanges = new ReturnRules(Map.of(), 0, ReturnRules.MILLION);
        try (BankFixture fixture = new BankFixture(settings -> settings.withReturnRules(allChanges), FileProtection.NONE)) {
            fixture.transfer.upload("PAY.ach", BankFileKind.ACH_FILE, paymentsEffectiveTomorrow());
            fixture.bankStepAt(at(BankFixture.DAY, 10));

            BankStep tomorrow = fixture.bankStepAt(at(EFFECTIVE, 10));

            assertThat(tomorrow.notificationsOfChange()).isEqualTo(4);
            assertThat(tomorrow.entriesSettled()).isEqualTo(4);
            String name = tomorrow.filesWritten().stream().filter(file -> file.startsWith("NOC_")).findFirst().orElseThrow();
            List<String> lines = AchTestFiles.lines(Files.readAllBytes(fixture.bank.outboundFolder().resolve(name)));
            assertThat(lines.stream().filter(line -> line.startsWith("798C01"))).hasSize(4)
                    .first().satisfies(line -> assertThat(line.substring(35, 64).strip()).isEqualTo("4000000002"));
            assertThat(lines.stream().filter(line -> line.startsWith("6"))).allSatisfy(
                    line -> assertThat(line.substring(29, 39)).isEqualTo("0000000000"));
        }
    }

    @Test
    void random_returns_are_replayed_exactly_by_the_same_seed() throws Exception {
        ReturnRules randomOnly = new ReturnRules(Map.of(), 300_000, 200_000);
        byte[] file = AchTestFiles.credits(BankFixture.DAY, "A", EFFECTIVE, IntStream.range(0, 200)
                .mapToObj(index -> new AchTestFiles.Payment("77" + (1000 + index) + "5", 500 + index)).toList());
        List<String> first = returnedTraces(randomOnly, file);
        List<String> second = returnedTraces(randomOnly, file);

        assertThat(first).isEqualTo(second);
        assertThat(first.size()).as("about 30%% of 200 entries come back").isBetween(30, 90);
    }

    private static List<String> returnedTraces(ReturnRules rules, byte[] file) throws Exception {
        try (BankFixture fixture = new BankFixture(settings -> settings.withReturnRules(rules), FileProtection.NONE)) {
            fixture.transfer.upload("PAY.ach", BankFileKind.ACH_FILE, file);
            BankStep step = fixture.bankStepAt(at(EFFECTIVE, 10));
            String name = step.filesWritten().stream().filter(written -> written.startsWith("RET_")).findFirst().orElseThrow();
            return AchTestFiles.lines(Files.readAllBytes(fixture.bank.outboundFolder().resolve(name))).stream()
                    .filter(line -> line.startsWith("799")).map(line -> line.substring(3, 21)).toList();
        }
    }
}
