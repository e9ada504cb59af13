package io.payrail.store;

import static io.payrail.store.TestEvents.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.testing.TestDatabase;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A group-commit lane plans the streams it already wrote from the revisions it remembers, without
 * reading them (internal/RevisionCache). These tests prove the plan stays exact when somebody else
 * appends in between: another node on the same database, or a unit of work.
 */
class KnownRevisionsTests {
    private TestDatabase database;
    private PostgresEventStore store;
    private PostgresEventStore otherNode;

    @BeforeEach
    void start() {
        database = StoreDatabases.empty();
        store = new PostgresEventStore(database.dataSource(), Clock.systemUTC());
        otherNode = new PostgresEventStore(database.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        store.close();
        otherNode.close();
    }

    @Test
    void appends_to_streams_the_lane_already_wrote_are_planned_without_reading_revisions() {
        store.append("payment-1", ExpectedRevision.noStream(), numbered(0, 1));
        store.append("payment-1", ExpectedRevision.exactly(0), numbered(1, 1));
        GroupCommitStats before = store.groupCommitStats();

        AppendResult third = store.append("payment-1", ExpectedRevision.exactly(1), numbered(2, 1));
        AppendResult fourth = store.append("payment-1", ExpectedRevision.any(), numbered(3, 2));

        assertThat(third).isEqualTo(new AppendResult.Appended(3, 3, 2));
        assertThat(fourth).isEqualTo(new AppendResult.Appended(4, 5, 4));
        assertThat(store.groupCommitStats().minus(before).commitsFromKnownRevisions()).isEqualTo(2);
        assertThat(revisionsOf("payment-1")).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void a_lane_plans_from_known_revisions_only_after_two_of_its_commits_in_a_row() {
        store.append("payment-1", ExpectedRevision.noStream(), numbered(0, 1));
        GroupCommitStats before = store.groupCommitStats();

        store.append("payment-1", ExpectedRevision.any(), numbered(1, 1));

        assertThat(store.groupCommitStats().minus(before).commitsFromKnownRevisions()).isZero();
    }

    @Test
    void nodes_taking_turns_commit_by_commit_never_plan_from_known_revisions_so_never_pay_for_a_moved_head() {
        for (int round = 0; round < 10; round++) {
            store.append("payment-1", ExpectedRevision.any(), numbered(2 * round, 1));
            otherNode.append("payment-1", ExpectedRevision.any(), numbered(2 * round + 1, 1));
        }

        assertThat(store.groupCommitStats().commitsFromKnownRevisions()).isZero();
        assertThat(otherNode.groupCommitStats().commitsFromKnownRevisions()).isZero();
        assertThat(revisionsOf("payment-1")).hasSize(20).isSorted().doesNotHaveDuplicates().endsWith(19L);
    }

    @Test
    void a_database_that_lost_the_lanes_last_commit_is_noticed_even_when_the_head_is_back_at_the_same_number() throws Exception {
        store.append("payment-1", ExpectedRevision.noStream(), numbered(0, 1));
        store.append("payment-2", ExpectedRevision.noStream(), numbered(1, 1));
        // As after promoting an asynchronous standby that had not received the last commit, then
        // another node appending: the head is back at 2, with another event at position 2.
        execute("DELETE FROM store_event WHERE position = 2", "UPDATE store_log_head SET position = 1");
        otherNode.append("payment-3", ExpectedRevision.noStream(), numbered(2, 1));

        AppendResult stale = store.append("payment-2", ExpectedRevision.exactly(0), numbered(3, 1));
        AppendResult created = store.append("payment-2", ExpectedRevision.noStream(), numbered(3, 1));

        assertThat(stale).isEqualTo(new AppendResult.Conflict("payment-2", ExpectedRevision.exactly(0), -1));
        assertThat(created).isEqualTo(new AppendResult.Appended(3, 3, 0));
        assertThat(revisionsOf("payment-2")).containsExactly(0L);
    }

    @Test
    void a_batch_that_failed_inside_the_database_leaves_the_next_known_revisions_plan_exact() throws Exception {
        try (PoisonTrigger _ = PoisonTrigger.install(database.dataSource())) {
            for (int round = 0; round < 3; round++) {
                store.append("payment-1", ExpectedRevision.any(), numbered(round, 1));
            }
            assertThatThrownBy(() -> store.append("payment-1", ExpectedRevision.any(),
                    List.of(PoisonTrigger.event()))).hasMessageContaining("could not append");

            AppendResult next = store.append("payment-1", ExpectedRevision.exactly(2), numbered(3, 1));

            assertThat(next).isEqualTo(new AppendResult.Appended(4, 4, 3));
            assertThat(revisionsOf("payment-1")).containsExactly(0L, 1L, 2L, 3L);
        }
    }

    @Test
    void a_conflict_planned_from_known_revisions_names_the_current_revision_and_writes_nothing() {
        store.append("payment-1", ExpectedRevision.noStream(), numbered(0, 2));

        AppendResult stale = store.append("payment-1", ExpectedRevision.exactly(0), numbered(2, 1));
        AppendResult created = store.append("payment-1", ExpectedRevision.noStream(), numbered(2, 1));

        assertThat(stale).isEqualTo(new AppendResult.Conflict("payment-1", ExpectedRevision.exactly(0), 1));
        assertThat(created).isEqualTo(new AppendResult.Conflict("payment-1", ExpectedRevision.noStream(), 1));
        assertThat(store.headPosition()).isEqualTo(2);
    }

    @Test
    void an_append_by_another_node_in_between_is_seen_and_never_gets_a_revision_twice() {
        store.append("payment-1", ExpectedRevision.noStream(), numbered(0, 1));
        otherNode.append("payment-1", ExpectedRevision.exactly(0), numbered(1, 1));

        AppendResult stale = store.append("payment-1", ExpectedRevision.exactly(0), numbered(2, 1));
        AppendResult any = store.append("payment-1", ExpectedRevision.any(), numbered(2, 1));

        assertThat(stale).isEqualTo(new AppendResult.Conflict("payment-1", ExpectedRevision.exactly(0), 1));
        assertThat(any).isEqualTo(new AppendResult.Appended(3, 3, 2));
        assertThat(revisionsOf("payment-1")).containsExactly(0L, 1L, 2L);
    }

    @Test
    void another_node_writing_other_streams_in_between_still_makes_the_lane_check_its_own_streams_again() {
        store.append("payment-1", ExpectedRevision.noStream(), numbered(0, 1));
        otherNode.append("payment-1", ExpectedRevision.any(), numbered(1, 1));
        store.append("payment-2", ExpectedRevision.noStream(), numbered(2, 1));

        AppendResult any = store.append("payment-1", ExpectedRevision.any(), numbered(3, 1));

        assertThat(any).isEqualTo(new AppendResult.Appended(4, 4, 2));
        assertThat(revisionsOf("payment-1")).containsExactly(0L, 1L, 2L);
    }

    @Test
    void a_unit_of_work_append_in_between_is_seen() {
        store.append("payment-1", ExpectedRevision.noStream(), numbered(0, 1));
        database.transactions().inTransaction(connection -> store.append(connection, "payment-1", ExpectedRevision.exactly(0),
                numbered(1, 1)));

        AppendResult any = store.append("payment-1", ExpectedRevision.any(), numbered(2, 1));

        assertThat(any).isEqualTo(new AppendResult.Appended(3, 3, 2));
    }

    @Test
    void a_rolled_back_unit_of_work_gives_its_positions_back_and_the_known_revisions_stay_usable() {
        store.append("payment-1", ExpectedRevision.noStream(), numbered(0, 1));
        store.append("payment-2", ExpectedRevision.noStream(), numbered(1, 1));
        assertThatThrownBy(() -> database.transactions().inTransaction(connection -> {
            store.append(connection, "payment-1", ExpectedRevision.exactly(0), numbered(1, 1));
            throw new IllegalStateException("the command failed after appending");
        })).hasMessageContaining("the command failed");
        GroupCommitStats before = store.groupCommitStats();

        AppendResult next = store.append("payment-1", ExpectedRevision.exactly(0), numbered(1, 1));

        assertThat(next).isEqualTo(new AppendResult.Appended(3, 3, 1));
        assertThat(store.groupCommitStats().minus(before).commitsFromKnownRevisions()).isEqualTo(1);
    }

    @Test
    void nodes_taking_turns_on_one_stream_keep_its_revisions_contiguous() {
        for (int round = 0; round < 20; round++) {
            PostgresEventStore writer = round % 3 == 0 ? otherNode : store;
            assertThat(writer.append("payment-1", ExpectedRevision.any(), numbered(round, 1)))
                    .isEqualTo(new AppendResult.Appended(round + 1, round + 1, round));
        }

        assertThat(revisionsOf("payment-1")).hasSize(20).isSorted().doesNotHaveDuplicates().startsWith(0L).endsWith(19L);
    }

    private void execute(String... statements) throws java.sql.SQLException {
        try (java.sql.Connection connection = database.dataSource().getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private List<Long> revisionsOf(String stream) {
        return store.readStream(stream, 0, ReadDirection.FORWARDS, 100).stream().map(RecordedEvent::revision).toList();
    }
}
