package io.payrail.bus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.payrail.store.AppendResult;
import io.payrail.store.EventEnvelope;
import io.payrail.store.EventStore;
import io.payrail.store.ExpectedRevision;
import io.payrail.store.ReadDirection;
import io.payrail.store.RecordedEvent;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class LogReaderTests {
    private static final int PAGE = 10;

    @Test
    void full_pages_are_read_ahead_and_handed_out_in_log_order_without_reading_them_twice() throws Exception {
        CountingStore store = new CountingStore(95);
        LogReader reader = new LogReader(store, PAGE);

        List<Long> positions = new ArrayList<>();
        long cursor = 0;
        for (List<RecordedEvent> page = reader.read(cursor); !page.isEmpty(); page = reader.read(cursor)) {
            page.forEach(event -> positions.add(event.position()));
            cursor = page.getLast().position();
        }

        assertThat(positions).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 95).boxed().toList());
        // Each page once, plus the empty read at the head; read-ahead past the head finds nothing and is dropped.
        assertThat(store.reads).contains(0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 95L);
        assertThat(store.reads.stream().filter(after -> after == 10L)).hasSize(1);
    }

    @Test
    void a_cursor_moved_back_by_a_replay_gets_the_log_from_there_not_the_pages_read_ahead() throws Exception {
        CountingStore store = new CountingStore(100);
        LogReader reader = new LogReader(store, PAGE);
        assertThat(reader.read(30).getFirst().position()).isEqualTo(31);

        List<RecordedEvent> replayed = reader.read(0);

        assertThat(replayed).extracting(RecordedEvent::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(reader.read(10).getFirst().position()).isEqualTo(11);
    }

    @Test
    void at_the_head_nothing_is_read_ahead() throws Exception {
        CountingStore store = new CountingStore(5);
        LogReader reader = new LogReader(store, PAGE);

        assertThat(reader.read(0)).hasSize(5);
        store.head = 20;
        // Events appended since: the next read goes to the store, not to a stale read-ahead.
        assertThat(reader.read(5)).extracting(RecordedEvent::position).startsWith(6L).hasSize(10);
        assertThat(store.reads).startsWith(0L, 5L);
    }

    /** A log of events 1..head (the head may grow); records every readLog's position. */
    private static final class CountingStore implements EventStore {
        private final ConcurrentLinkedQueue<Long> reads = new ConcurrentLinkedQueue<>();
        private volatile long head;

        CountingStore(long head) {
            this.head = head;
        }

        @Override
        public List<RecordedEvent> readLog(long afterPosition, int limit) {
            reads.add(afterPosition);
            List<RecordedEvent> page = new ArrayList<>();
            for (long position = afterPosition + 1; position <= Math.min(head, afterPosition + limit); position++) {
                EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), "test.read", "payrail/test", null,
                        Instant.EPOCH, JsonNodeFactory.instance.objectNode(), 1, null, null, null, null, Map.of());
                page.add(new RecordedEvent(position, "stream", position - 1, Instant.EPOCH, envelope));
            }
            return page;
        }

        @Override
        public long headPosition() {
            return head;
        }

        @Override
        public AppendResult append(String stream, ExpectedRevision expected, List<EventEnvelope> events) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AppendResult append(Connection transaction, String stream, ExpectedRevision expected,
                List<EventEnvelope> events) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<RecordedEvent> readStream(String stream, long fromRevision, ReadDirection direction, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long positionBefore(Instant time) {
            throw new UnsupportedOperationException();
        }
    }
}
