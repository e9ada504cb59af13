package io.payrail.http.internal;

import io.payrail.platform.Check;
import java.time.Clock;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small bounded map whose entries expire after a fixed time. When full, it drops arbitrary
 * entries to make room: a dropped entry only costs one more database read, so the simple policy
 * is good enough for a cache that exists to keep the hot path off the database.
 */
public final class ExpiringCache<K, V> {
    private record Entry<V>(V value, long expiresAtMillis) {}

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long timeToLiveMillis;
    private final int entriesMax;

    public ExpiringCache(Clock clock, long timeToLiveMillis, int entriesMax) {
        Check.argument(timeToLiveMillis >= 0, "timeToLiveMillis must not be negative, got %d", timeToLiveMillis);
        Check.argument(entriesMax > 0, "entriesMax must be positive, got %d", entriesMax);
        this.clock = Check.notNull(clock, "clock");
        this.timeToLiveMillis = timeToLiveMillis;
        this.entriesMax = entriesMax;
    }

    /** The cached value, or the loaded one (cached until it expires). */
    public V get(K key, Function<K, V> loader) {
        long now = clock.millis();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.expiresAtMillis() > now) {
            return entry.value();
        }
        V value = loader.apply(key);
        makeRoom();
        entries.put(key, new Entry<>(value, now + timeToLiveMillis));
        return value;
    }

    public void invalidate(K key) {
        entries.remove(key);
    }

    public int size() {
        return entries.size();
    }

    private void makeRoom() {
        Iterator<K> keys = entries.keySet().iterator();
        while (entries.size() >= entriesMax && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
