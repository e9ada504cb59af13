package io.payrail.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.Json;
import io.payrail.store.AppendResult;
import io.payrail.store.EventEnvelope;
import io.payrail.store.ExpectedRevision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The plan of a one-round-trip write: the revision assumed per stream and what each append gets. */
class BatchPlanTests {
    private static final long LAST_POSITION = 100;

    @Test
    void a_stream_of_any_appends_assumes_nothing_and_numbers_from_the_actual_revision() {
        BatchPlan plan = BatchPlan.of(List.of(append("a", ExpectedRevision.any(), 2), append("a", ExpectedRevision.any(), 1)), Map.of());

        assertThat(plan.bases).containsExactly((Long) null);
        assertThat(plan.results(new long[] {4}, LAST_POSITION)).containsExactly(
                new AppendResult.Appended(98, 99, 6), new AppendResult.Appended(100, 100, 7));
    }

    @Test
    void an_exact_expectation_after_an_any_append_implies_the_revision_before_the_batch() {
        BatchPlan plan = BatchPlan.of(List.of(append("a", ExpectedRevision.any(), 2), append("a", ExpectedRevision.exactly(7), 1)), Map.of());

        assertThat(plan.bases).containsExactly(5L);
        assertThat(plan.rowCount()).isEqualTo(3);
        assertThat(plan.results(new long[] {5}, LAST_POSITION)).containsExactly(
                new AppendResult.Appended(98, 99, 7), new AppendResult.Appended(100, 100, 8));
    }

    @Test
    void when_the_assumed_revision_is_wrong_every_append_of_that_stream_is_planned_again_and_the_others_stand() {
        BatchPlan plan = BatchPlan.of(List.of(append("a", ExpectedRevision.noStream(), 1), append("b", ExpectedRevision.any(), 1),
                append("a", ExpectedRevision.exactly(0), 1)), Map.of());

        List<AppendResult> results = plan.results(new long[] {3, -1}, LAST_POSITION);

        assertThat(results).containsExactly(null, new AppendResult.Appended(100, 100, 0), null);
    }

    @Test
    void a_no_stream_expectation_after_events_of_the_same_batch_conflicts_with_the_revision_they_reach() {
        PreparedAppend first = append("a", ExpectedRevision.any(), 2);
        PreparedAppend second = append("a", ExpectedRevision.noStream(), 1);
        BatchPlan plan = BatchPlan.of(List.of(first, second), Map.of());

        assertThat(plan.bases).containsExactly((Long) null);
        assertThat(plan.rowCount()).isEqualTo(2);
        assertThat(plan.results(new long[] {-1}, LAST_POSITION)).containsExactly(
                new AppendResult.Appended(99, 100, 1), new AppendResult.Conflict("a", ExpectedRevision.noStream(), 1));
    }

    @Test
    void with_known_revisions_a_conflict_is_decided_before_sending_and_writes_nothing() {
        BatchPlan plan = BatchPlan.of(List.of(append("a", ExpectedRevision.exactly(2), 1), append("a", ExpectedRevision.exactly(3), 1)),
                Map.of("a", 3L));

        assertThat(plan.bases).containsExactly(3L);
        assertThat(plan.rowCount()).isEqualTo(1);
        assertThat(plan.results(new long[] {3}, LAST_POSITION)).containsExactly(
                new AppendResult.Conflict("a", ExpectedRevision.exactly(2), 3), new AppendResult.Appended(100, 100, 4));
    }

    @Test
    void utf8_length_counts_multi_byte_characters_and_surrogate_pairs_as_the_encoder_does() {
        for (String text : List.of("", "plain", "caf\u00e9", "\u20ac 12", "\ud83d\udcb6 money", "broken \ud83d alone")) {
            assertThat(AppendValidator.utf8Length(text)).as(text).isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
    }

    private static PreparedAppend append(String stream, ExpectedRevision expected, int events) {
        List<EventEnvelope> envelopes = new ArrayList<>();
        List<String> data = new ArrayList<>();
        List<String> metadata = new ArrayList<>();
        for (int index = 0; index < events; index++) {
            envelopes.add(new EventEnvelope(UUID.randomUUID(), "test.planned", "payrail/test", null, Instant.EPOCH,
                    Json.mapper().createObjectNode().put("index", index), 1, null, null, null, null, Map.of()));
            data.add("{\"index\":" + index + "}");
            metadata.add(null);
        }
        return new PreparedAppend(stream, expected, envelopes, data, metadata);
    }
}
