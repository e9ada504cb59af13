package io.payrail.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RevisionCacheTests {
    @Test
    void a_new_cache_knows_no_head_and_no_stream() {
        RevisionCache cache = new RevisionCache();

        assertThat(cache.head()).isEqualTo(-1);
        assertThat(cache.revisionsOf(List.of("a"))).isNull();
    }

    @Test
    void revisions_are_known_only_when_every_stream_asked_for_is_remembered() {
        RevisionCache cache = new RevisionCache();
        cache.committed(0, 3, Map.of("a", 1L, "b", 0L));

        assertThat(cache.revisionsOf(List.of("a", "b"))).isEqualTo(Map.of("a", 1L, "b", 0L));
        assertThat(cache.revisionsOf(List.of("a", "c"))).isNull();
        assertThat(cache.head()).isEqualTo(3);
    }

    @Test
    void a_commit_that_did_not_start_from_the_known_head_forgets_every_older_stream() {
        RevisionCache cache = new RevisionCache();
        cache.committed(0, 3, Map.of("a", 1L, "b", 0L));

        cache.committed(5, 6, Map.of("c", 0L));

        assertThat(cache.revisionsOf(List.of("a"))).isNull();
        assertThat(cache.revisionsOf(List.of("c"))).isEqualTo(Map.of("c", 0L));
        assertThat(cache.head()).isEqualTo(6);
    }

    @Test
    void a_commit_from_the_known_head_keeps_the_older_streams() {
        RevisionCache cache = new RevisionCache();
        cache.committed(0, 3, Map.of("a", 1L, "b", 0L));

        cache.committed(3, 4, Map.of("b", 1L));

        assertThat(cache.revisionsOf(List.of("a", "b"))).isEqualTo(Map.of("a", 1L, "b", 1L));
    }

    @Test
    void a_commit_from_an_unknown_head_starts_afresh() {
        RevisionCache cache = new RevisionCache();
        cache.committed(0, 3, Map.of("a", 1L));
        cache.forget();

        cache.committed(-1, 4, Map.of("b", 0L));

        assertThat(cache.revisionsOf(List.of("a"))).isNull();
        assertThat(cache.revisionsOf(List.of("b"))).isEqualTo(Map.of("b", 0L));
    }

    @Test
    void the_least_recently_used_stream_is_forgotten_past_the_limit() {
        RevisionCache cache = new RevisionCache(2, new AtomicLong());
        cache.committed(0, 1, Map.of("a", 0L));
        cache.committed(1, 2, Map.of("b", 0L));
        cache.revisionsOf(List.of("a"));

        cache.committed(2, 3, Map.of("c", 0L));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.revisionsOf(List.of("b"))).isNull();
        assertThat(cache.revisionsOf(List.of("a", "c"))).isEqualTo(Map.of("a", 0L, "c", 0L));
    }

    @Test
    void a_head_going_backwards_is_a_programmer_error_naming_both_heads() {
        RevisionCache cache = new RevisionCache();

        assertThatThrownBy(() -> cache.committed(7, 5, Map.of())).hasMessageContaining("from 7 to 5");
    }
}
