package io.payrail.queue.internal;

import io.payrail.queue.QueueLimits;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vacuums {@code queue_message} from the process that deletes its rows, instead of waiting for
 * autovacuum. Autovacuum looks at a table at most once per {@code autovacuum_naptime} (one minute, a
 * server setting shared with every other table), while a queue deletes a 100,000-message backlog in
 * seconds: until a vacuum, every receive walks the deleted rows' index entries at the head of each
 * tenant's range (measured: 190 buffers and 0.6 ms per tenant per receive after 60,000 deletes; the
 * drain of a backlog ran at 6,000-8,000 messages/s without, 25,000 after a vacuum).
 *
 * <p>A vacuum starts when this process has deleted {@link QueueLimits#VACUUM_AFTER_DELETED_ROWS}
 * rows since its last one and a receive comes back full, i.e. while there is a backlog. Never on an
 * empty queue: a vacuum records the rows per page it found, and zero rows per page makes the planner
 * take any later backlog for one row (measured: a vacuum when the warm-up drained made the next
 * backlog's receives walk a whole index per handle, 1,500 messages/s instead of 10,000). At most one
 * runs at a time per process, on its own virtual thread and connection, off the hot path. It skips
 * the table when another vacuum (autovacuum) holds it, and never truncates the table's end, which
 * would take an exclusive lock that stalls sends and receives.
 */
public final class TableVacuum {
    private static final Logger LOG = LoggerFactory.getLogger(TableVacuum.class);
    static final String VACUUM = "VACUUM (SKIP_LOCKED, TRUNCATE FALSE, PROCESS_TOAST FALSE) queue_message";

    private final DataSource dataSource;
    private final long afterDeletedRows;
    private final AtomicLong deletedSinceVacuum = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong vacuums = new AtomicLong();
    private volatile Thread current;

    public TableVacuum(DataSource dataSource) {
        this(dataSource, QueueLimits.VACUUM_AFTER_DELETED_ROWS);
    }

    TableVacuum(DataSource dataSource, long afterDeletedRows) {
        this.dataSource = dataSource;
        this.afterDeletedRows = afterDeletedRows;
    }

    /** Counts rows this process deleted (committed). */
    public void deleted(long rows) {
        deletedSinceVacuum.addAndGet(rows);
    }

    /** A receive came back full (a backlog): vacuums when enough rows were deleted since the last vacuum. */
    public void receivedFull() {
        if (deletedSinceVacuum.get() >= afterDeletedRows) {
            start();
        }
    }

    /** Vacuums started by this process. */
    public long vacuums() {
        return vacuums.get();
    }

    /** Waits for a running vacuum (tests). */
    void awaitIdle() throws InterruptedException {
        Thread running = current;
        if (running != null) {
            running.join();
        }
    }

    private void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        // Rows deleted while this vacuum runs count towards the next one.
        deletedSinceVacuum.set(0);
        vacuums.incrementAndGet();
        current = Thread.ofVirtual().name("queue-vacuum").start(this::vacuum);
    }

    private void vacuum() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute(VACUUM);
        } catch (SQLException | RuntimeException failure) {
            // Autovacuum still comes round; the next threshold tries again.
            LOG.warn("vacuum of queue_message failed: {}", failure.getMessage());
        } finally {
            running.set(false);
        }
    }
}
