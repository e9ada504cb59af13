package io.payrail.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RevisionCacheTests {
    private static final UUID FIRST = UUID.fromString("00000000-0000-7000-8000-000000000001");
    private static final UUID SECOND = UUID.fromString("00000000-0000-7000-8000-000000000002");
    private static final UUID THIRD = UUID.fromString("00000000-0000-7000-8000-000000000003");

    /** A cache whose lane made two commits in a row, so it plans from what it knows. */
    private static RevisionCache warmed(Map<String, Long> revisions) {
        RevisionCache cache = new RevisionCache();
        cache.committed(0, 1, FIRST, Map.of());
        cache.committed(1, 3, SECOND, revisions);
        return cache;
    }

    @Test
    void a_new_cache_knows_no_head_and_no_stream() {
        RevisionCache cache = new RevisionCache();

        assertThat(cache.head()).isEqualTo(-1);
        assertThat(cache.headEventId()).isNull();
        assertThat(cache.revisionsOf(List.of("a"))).isNull();
    }

    @Test
    void revisions_are_known_only_when_every_stream_asked_for_is_remembered() {
        RevisionCache cache = warmed(Map.of("a", 1L, "b", 0L));

        assertThat(cache.revisionsOf(List.of("a", "b"))).isEqualTo(Map.of("a", 1L, "b", 0L));
        assertThat(cache.revisionsOf(List.of("a", "c"))).isNull();
        assertThat(cache.head()).isEqualTo(3);
        assertThat(cache.headEventId()).isEqualTo(SECOND);
    }

    @Test
    void a_single_recorded_commit_is_not_enough_to_plan_from() {
        RevisionCache cache = new RevisionCache();

        cache.committed(0, 3, FIRST, Map.of("a", 1L));

        assertThat(cache.revisionsOf(List.of("a"))).isNull();
    }

    @Test
    void a_commit_that_did_not_start_from_the_known_head_forgets_every_older_stream_and_must_be_followed_by_another() {
        RevisionCache cache = warmed(Map.of("a", 1L, "b", 0L));

        cache.committed(5, 6, THIRD, Map.of("c", 0L));

        assertThat(cache.revisionsOf(List.of("c"))).isNull();
        cache.committed(6, 7, FIRST, Map.of("d", 0L));
        assertThat(cache.revisionsOf(List.of("a"))).isNull();
        assertThat(cache.revisionsOf(List.of("c", "d"))).isEqualTo(Map.of("c", 0L, "d", 0L));
        assertThat(cache.head()).isEqualTo(7);
    }

    @Test
    void a_commit_from_the_known_head_keeps_the_older_streams() {
        RevisionCache cache = warmed(Map.of("a", 1L, "b", 0L));

        cache.committed(3, 4, THIRD, Map.of("b", 1L));

        assertThat(cache.revisionsOf(List.of("a", "b"))).isEqualTo(Map.of("a", 1L, "b", 1L));
        assertThat(cache.headEventId()).isEqualTo(THIRD);
    }

    @Test
    void a_commit_that_wrote_nothing_from_the_known_head_keeps_the_event_at_the_head() {
        RevisionCache cache = warmed(Map.of("a", 1L));

        cache.committed(3, 3, null, Map.of("b", 4L));

        assertThat(cache.headEventId()).isEqualTo(SECOND);
        assertThat(cache.revisionsOf(List.of("a", "b"))).isEqualTo(Map.of("a", 1L, "b", 4L));
    }

    @Test
    void a_commit_that_wrote_nothing_from_an_unknown_head_leaves_nothing_to_plan_from() {
        RevisionCache cache = warmed(Map.of("a", 1L));

        cache.committed(9, 9, null, Map.of("b", 4L));
        cache.committed(9, 9, null, Map.of("c", 0L));

        assertThat(cache.headEventId()).isNull();
        assertThat(cache.revisionsOf(List.of("b"))).isNull();
    }

    @Test
    void forgetting_starts_afresh() {
        RevisionCache cache = warmed(Map.of("a", 1L));

        cache.forget();

        assertThat(cache.head()).isEqualTo(-1);
        assertThat(cache.revisionsOf(List.of("a"))).isNull();
    }

    @Test
    void the_least_recently_used_stream_is_forgotten_past_the_limit() {
        RevisionCache cache = new RevisionCache(2, new AtomicLong());
        cache.committed(0, 1, FIRST, Map.of("a", 0L));
        cache.committed(1, 2, SECOND, Map.of("b", 0L));
        cache.revisionsOf(List.of("a"));

        cache.committed(2, 3, THIRD, Map.of("c", 0L));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.revisionsOf(List.of("b"))).isNull();
        assertThat(cache.revisionsOf(List.of("a", "c"))).isEqualTo(Map.of("a", 0L, "c", 0L));
    }

    @Test
    void a_head_going_backwards_or_a_write_without_its_event_are_programmer_errors_naming_the_values() {
        RevisionCache cache = new RevisionCache();

        assertThatThrownBy(() -> cache.committed(7, 5, FIRST, Map.of())).hasMessageContaining("from 7 to 5");
        assertThatThrownBy(() -> cache.committed(7, 9, null, Map.of())).hasMessageContaining("from 7 to 9").hasMessageContaining("null");
    }
}
