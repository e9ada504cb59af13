package io.payrail.bus.internal;

import io.payrail.platform.Check;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the workers when the store commits: LISTEN on the store's notify channel (and the bus's own
 * control channel) on a dedicated connection, blocking in {@code getNotifications(timeout)} rather
 * than polling. Workers still poll slowly on their own, so a lost notification (or this listener
 * being down while it reconnects) only delays delivery by the fallback poll interval.
 */
public final class LogListener implements Runnable {
    /** How long one wait for notifications blocks before checking whether to stop. */
    public static final int NOTIFICATION_WAIT_MILLIS = 500;

    /** The pause before reconnecting after the listening connection failed. */
    public static final long RECONNECT_DELAY_MILLIS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(LogListener.class);

    private final DataSource dataSource;
    private final String[] channels;
    private final String controlChannel;
    private final WakeSignal signal;
    private volatile boolean stopped;

    /**
     * @param controlChannel notifications on it are operators' requests; on any other channel, commits
     */
    public LogListener(DataSource dataSource, WakeSignal signal, String controlChannel, String... channels) {
        this.dataSource = Check.notNull(dataSource, "dataSource");
        this.signal = Check.notNull(signal, "signal");
        this.controlChannel = Check.notNull(controlChannel, "controlChannel");
        for (String channel : channels) {
            Check.argument(channel.matches("[a-z_][a-z0-9_]{0,62}"), "notify channel must be a plain identifier: %s",
                    channel);
        }
        this.channels = channels.clone();
    }

    public void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        while (!stopped) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    for (String channel : channels) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                // Events committed (or requests made) while we were not listening would otherwise wait
                // for the fallback poll.
                signal.controlChanged();
                listen(connection.unwrap(PGConnection.class));
            } catch (SQLException | RuntimeException failure) {
                if (!stopped) {
                    LOG.warn("bus listener lost its connection, reconnecting: {}", failure.getMessage());
                    pause();
                }
            }
        }
    }

    private void listen(PGConnection connection) throws SQLException {
        while (!stopped) {
            PGNotification[] notifications = connection.getNotifications(NOTIFICATION_WAIT_MILLIS);
            if (notifications == null || notifications.length == 0) {
                continue;
            }
            boolean control = false;
            for (PGNotification notification : notifications) {
                control |= controlChannel.equals(notification.getName());
            }
            if (control) {
                signal.controlChanged();
            } else {
                signal.wakeAll();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_DELAY_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
