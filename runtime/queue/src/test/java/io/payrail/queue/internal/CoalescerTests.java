package io.payrail.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.DatabaseException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoalescerTests {
    /** Records every batch; the first batch waits until the test has queued the others behind it. */
    private static final class RecordingWork implements Coalescer.Work<String, String> {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final String failingState;

        RecordingWork(String failingState) {
            this.failingState = failingState;
        }

        @Override
        public List<String> run(List<String> requests) throws SQLException {
            batches.add(requests);
            if (requests.contains("first")) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            if (requests.contains("bad")) {
                throw new SQLException("bad row", failingState);
            }
            return requests.stream().map(request -> "done " + request).toList();
        }
    }

    @Test
    void requests_queued_behind_a_running_statement_share_the_next_one_and_each_gets_its_own_result() throws Exception {
        RecordingWork work = new RecordingWork("22021");
        Coalescer<String, String> coalescer = new Coalescer<>("test", 100, 100, request -> 1, work);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = callers.submit(() -> coalescer.submit("first"));
            List<Future<String>> others = queueBehindTheRunningStatement(callers, coalescer, work, 20);
            work.release.countDown();
            assertThat(first.get()).isEqualTo("done first");
            for (int index = 0; index < 20; index++) {
                assertThat(others.get(index).get()).isEqualTo("done request " + index);
            }
        }
        assertThat(work.batches).hasSize(2);
        assertThat(work.batches.get(1)).hasSize(20);
    }

    @Test
    void a_request_that_fails_the_shared_statement_fails_alone_and_the_others_succeed() throws Exception {
        RecordingWork work = new RecordingWork("22021");
        Coalescer<String, String> coalescer = new Coalescer<>("test", 100, 100, request -> 1, work);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = callers.submit(() -> coalescer.submit("first"));
            awaitBatches(work, 1);
            Future<String> good = callers.submit(() -> coalescer.submit("good"));
            Future<String> bad = callers.submit(() -> coalescer.submit("bad"));
            Future<String> alsoGood = callers.submit(() -> coalescer.submit("also good"));
            awaitQueued(coalescer, 3);
            work.release.countDown();
            assertThat(first.get()).isEqualTo("done first");
            assertThat(good.get()).isEqualTo("done good");
            assertThat(alsoGood.get()).isEqualTo("done also good");
            assertThatThrownBy(bad::get).hasCauseInstanceOf(DatabaseException.class).hasStackTraceContaining("bad row");
        }
        assertThat(work.batches.get(1)).as("the three shared a statement first").hasSize(3);
        assertThat(work.batches.subList(2, work.batches.size())).as("then each ran alone")
                .containsExactlyInAnyOrder(List.of("good"), List.of("bad"), List.of("also good"));
    }

    @Test
    void a_lost_connection_fails_the_whole_group_without_retrying_it() throws Exception {
        RecordingWork work = new RecordingWork("08006");
        Coalescer<String, String> coalescer = new Coalescer<>("test", 100, 100, request -> 1, work);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = callers.submit(() -> coalescer.submit("first"));
            awaitBatches(work, 1);
            Future<String> good = callers.submit(() -> coalescer.submit("good"));
            Future<String> bad = callers.submit(() -> coalescer.submit("bad"));
            awaitQueued(coalescer, 2);
            work.release.countDown();
            assertThat(first.get()).isEqualTo("done first");
            // The outcome of a statement whose connection broke is unknown: a retry could send twice.
            assertThatThrownBy(good::get).hasCauseInstanceOf(DatabaseException.class);
            assertThatThrownBy(bad::get).hasCauseInstanceOf(DatabaseException.class);
        }
        assertThat(work.batches).hasSize(2);
    }

    @Test
    void a_statement_never_exceeds_its_request_limit() throws Exception {
        RecordingWork work = new RecordingWork("22021");
        Coalescer<String, String> coalescer = new Coalescer<>("test", 4, 100, request -> 1, work);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = callers.submit(() -> coalescer.submit("first"));
            List<Future<String>> others = queueBehindTheRunningStatement(callers, coalescer, work, 10);
            work.release.countDown();
            first.get();
            for (Future<String> other : others) {
                assertThat(other.get()).startsWith("done request");
            }
        }
        assertThat(work.batches).allMatch(batch -> batch.size() <= 4);
        assertThat(work.batches.stream().mapToInt(List::size).sum()).isEqualTo(11);
    }

    /** Once the first statement runs, submits {@code count} requests ("request 0", ...) and waits until all are queued. */
    private static List<Future<String>> queueBehindTheRunningStatement(ExecutorService callers,
            Coalescer<String, String> coalescer, RecordingWork work, int count) throws InterruptedException {
        awaitBatches(work, 1);
        List<Future<String>> requests = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            String request = "request " + index;
            requests.add(callers.submit(() -> coalescer.submit(request)));
        }
        awaitQueued(coalescer, count);
        return requests;
    }

    private static void awaitBatches(RecordingWork work, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (work.batches.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(work.batches).hasSizeGreaterThanOrEqualTo(count);
    }

    private static void awaitQueued(Coalescer<String, String> coalescer, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (coalescer.waiting() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(coalescer.waiting()).isEqualTo(count);
    }
}
