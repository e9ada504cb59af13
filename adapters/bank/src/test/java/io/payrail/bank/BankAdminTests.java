package io.payrail.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.bank.internal.FileJournal;
import io.payrail.platform.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The operator's commands on the database alone, as `payrail bank files|resolve` runs them. */
class BankAdminTests {
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void an_upload_whose_outcome_is_unknown_is_listed_by_its_state_and_settled_by_the_operator_without_the_bank() {
        TestDatabase database = BankFixture.sharedDatabase();
        FileJournal journal = new FileJournal(database.transactions());
        outcomeUnknown(journal, "PAY-1.ach", NOW.minusSeconds(60));
        outcomeUnknown(journal, "PAY-2.ach", NOW.minusSeconds(30));
        BankAdmin admin = new BankAdmin(database.transactions(), CLOCK);

        List<BankFileRecord> unknown = admin.listFiles(BankAdmin.Filter.parse("outbound", "outcome_unknown"), 10);
        assertThat(unknown).extracting(BankFileRecord::fileName).containsExactly("PAY-2.ach", "PAY-1.ach");
        assertThat(BankAdmin.format(unknown)).contains("PAY-1.ach", "outcome_unknown");

        BankFileRecord sent = admin.resolve("PAY-1.ach", BankAdmin.Decision.SENT, "the bank's support confirmed it");
        BankFileRecord notSent = admin.resolve("PAY-2.ach", BankAdmin.Decision.NOT_SENT, "not in the bank's inbox");

        assertThat(sent.state()).isEqualTo(BankFileState.SENT);
        assertThat(sent.detail()).isEqualTo("operator resolved as sent: the bank's support confirmed it");
        assertThat(notSent.state()).isEqualTo(BankFileState.NOT_SENT);
        assertThat(admin.listFiles(BankAdmin.Filter.parse(null, "outcome_unknown"), 10)).isEmpty();
        assertThat(admin.listFiles(BankAdmin.Filter.parse("OUTBOUND", null), 10)).hasSize(2);
    }

    @Test
    void a_file_that_is_not_waiting_for_a_decision_or_does_not_exist_is_refused_naming_it_and_left_unchanged() {
        TestDatabase database = BankFixture.sharedDatabase();
        FileJournal journal = new FileJournal(database.transactions());
        outcomeUnknown(journal, "PAY-3.ach", NOW.minusSeconds(60));
        BankAdmin admin = new BankAdmin(database.transactions(), CLOCK);
        admin.resolve("PAY-3.ach", BankAdmin.Decision.SENT, "confirmed");

        assertThatThrownBy(() -> admin.resolve("PAY-3.ach", BankAdmin.Decision.NOT_SENT, "changed my mind"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bank file PAY-3.ach is sent, not outcome_unknown: nothing to resolve");
        assertThatThrownBy(() -> admin.resolve("NOPE.ach", BankAdmin.Decision.SENT, "?"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no outbound bank file named NOPE.ach");
        assertThatThrownBy(() -> admin.resolve("PAY-3.ach", BankAdmin.Decision.SENT, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a note");
        assertThat(journal.findOutbound("PAY-3.ach").orElseThrow().state()).isEqualTo(BankFileState.SENT);
    }

    @Test
    void an_unknown_direction_or_state_is_refused_with_the_values_that_are_accepted() {
        assertThatThrownBy(() -> BankAdmin.Filter.parse("sideways", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown direction 'sideways'; expected one of [outbound, inbound]");
        assertThatThrownBy(() -> BankAdmin.Filter.parse(null, "lost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown state 'lost'; expected one of [").hasMessageContaining("outcome_unknown");
    }

    /** An outbound file as a stop in the middle of its rename leaves it, once recovery marked it (newest listed first). */
    private static void outcomeUnknown(FileJournal journal, String fileName, Instant created) {
        BankFileRecord file = journal.insertOutbound(new FileJournal.NewFile(UUID.randomUUID(), fileName, BankFileKind.ACH_FILE,
                "ab".repeat(32), 940, "cd".repeat(32), "/archive/" + fileName), created);
        for (BankFileState state : List.of(BankFileState.UPLOADING, BankFileState.RENAME_REQUESTED, BankFileState.OUTCOME_UNKNOWN)) {
            BankFileState from = journal.find(file.id()).orElseThrow().state();
            assertThat(journal.move(file.id(), Set.of(from), state, "test", false, NOW)).isPresent();
        }
    }
}
