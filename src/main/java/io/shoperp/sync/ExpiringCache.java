package io.shoperp.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * ERPNext master data the mapping reads on every event but that changes rarely, kept for a time to live so that a
 * change made in ERPNext is seen within it. What a lookup did not find is kept as well (as an empty value).
 */
final class ExpiringCache<V> {

    private final Duration timeToLive;
    private final Clock clock;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    ExpiringCache(Duration timeToLive, Clock clock) {
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    V get(String key, Function<String, V> lookup) {
        Instant now = Instant.now(clock);
        Entry<V> entry = entries.get(key);
        if (entry == null || !now.isBefore(entry.expiresAt())) {
            entry = new Entry<>(lookup.apply(key), now.plus(timeToLive));
            entries.put(key, entry);
        }
        return entry.value();
    }

    private record Entry<V>(V value, Instant expiresAt) {
    }
}
