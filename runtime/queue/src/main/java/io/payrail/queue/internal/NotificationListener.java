package io.payrail.queue.internal;

import io.payrail.platform.Check;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one connection that LISTENs on the queue channel and rings the doorbell when a send to the
 * watched queue commits. A lost connection is reopened after a pause; notifications missed
 * meanwhile are covered by the consumer's fallback poll.
 */
public final class NotificationListener implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);
    /** How long one wait for notifications blocks before checking whether to stop. */
    static final Duration WAIT_SLICE = Duration.ofMillis(500);
    static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final String queue;
    private final Doorbell doorbell;
    private volatile boolean running = true;

    public NotificationListener(DataSource dataSource, String queue, Doorbell doorbell) {
        this.dataSource = Check.notNull(dataSource, "dataSource");
        this.queue = Check.notNull(queue, "queue");
        this.doorbell = Check.notNull(doorbell, "doorbell");
    }

    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + Sql.NOTIFY_CHANNEL);
                }
                // Sends that committed before LISTEN took effect rang no bell: look once.
                doorbell.ring();
                listen(connection.unwrap(PGConnection.class));
            } catch (SQLException failure) {
                LOG.warn("queue {} lost its notification connection, reconnecting: {}", queue, failure.getMessage());
                pause();
            }
        }
    }

    private void listen(PGConnection connection) throws SQLException {
        while (running) {
            PGNotification[] notifications = connection.getNotifications((int) WAIT_SLICE.toMillis());
            if (notifications == null) {
                continue;
            }
            for (PGNotification notification : notifications) {
                if (queue.equals(notification.getParameter())) {
                    doorbell.ring();
                    break;
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
