package io.payrail.bus;

import io.payrail.platform.Check;
import io.payrail.store.PostgresEventStore;
import java.time.Duration;

/**
 * @param logChannel   the channel the store notifies on each commit ({@code PostgresEventStore.NOTIFY_CHANNEL})
 * @param fallbackPoll how long an idle worker waits before reading the log anyway, in case a
 *                     notification was lost
 */
public record BusOptions(String logChannel, Duration fallbackPoll) {
    public static final String LOG_CHANNEL_DEFAULT = PostgresEventStore.NOTIFY_CHANNEL;
    public static final Duration FALLBACK_POLL_DEFAULT = Duration.ofSeconds(1);
    public static final Duration FALLBACK_POLL_MAX = Duration.ofMinutes(1);

    public BusOptions {
        Check.notNull(logChannel, "logChannel");
        Check.notNull(fallbackPoll, "fallbackPoll");
        Check.argument(fallbackPoll.toMillis() >= 1 && fallbackPoll.compareTo(FALLBACK_POLL_MAX) <= 0,
                "fallbackPoll must be 1 ms..%s, got %s", FALLBACK_POLL_MAX, fallbackPoll);
    }

    public static BusOptions defaults() {
        return new BusOptions(LOG_CHANNEL_DEFAULT, FALLBACK_POLL_DEFAULT);
    }
}
