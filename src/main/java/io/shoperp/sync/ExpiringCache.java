package io.shoperp.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * ERPNext data the mapping reads on every event but that changes rarely, kept for a time to live so that a change made
 * in ERPNext is seen within it, and at most {@code maxEntries} at a time (the least recently used go first), so a
 * large catalog or customer base cannot grow the heap without bound. Lookups run outside the lock: two threads missing
 * the same key may both look it up, which costs a read, never a wrong value.
 */
final class ExpiringCache<V> {

    private final Duration timeToLive;
    private final Clock clock;
    private final Map<String, Entry<V>> entries;

    ExpiringCache(Duration timeToLive, int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a cache holds at least one entry, not " + maxEntries);
        }
        this.timeToLive = timeToLive;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The value kept for the key, else what {@code lookup} gives, which is then kept (an empty Optional too). */
    V get(String key, Function<String, V> lookup) {
        return find(key).orElseGet(() -> {
            V value = lookup.apply(key);
            put(key, value);
            return value;
        });
    }

    /** The value kept for the key, unless there is none or it expired. */
    private Optional<V> find(String key) {
        Instant now = Instant.now(clock);
        synchronized (entries) {
            Entry<V> entry = entries.get(key);
            return entry == null || !now.isBefore(entry.expiresAt()) ? Optional.empty() : Optional.of(entry.value());
        }
    }

    private void put(String key, V value) {
        Entry<V> entry = new Entry<>(value, Instant.now(clock).plus(timeToLive));
        synchronized (entries) {
            entries.put(key, entry);
        }
    }

    private record Entry<V>(V value, Instant expiresAt) {
    }
}
