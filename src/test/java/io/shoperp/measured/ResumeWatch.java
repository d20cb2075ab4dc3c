package io.shoperp.measured;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The events an instance held when it was killed, watched from the outside (the inbox tables) until the work of each
 * is resumed: the event finished or was claimed again by a worker (another owner or another attempt), or another
 * event of its entity made progress (an outcome or a takeover in its history): the entity's events apply in Shopify's
 * order, so an older delivery of the same order that arrived late is rightly applied first. What it measures is the
 * wait an operator's orders see after a crash, independent of the application's own bookkeeping. The other
 * instance's events are not counted: they were never stopped.
 */
final class ResumeWatch {

    private record Lease(String status, String owner, int attempts) {
    }

    private final JdbcTemplate jdbc;
    private final long startedNanos = System.nanoTime();
    private final Map<Long, Lease> inFlight = new HashMap<>();
    private final Map<Long, String> entityOf = new HashMap<>();
    private final LocalDateTime killedAt = LocalDateTime.now(ZoneOffset.UTC);
    private final Map<Long, Long> resumedAfterMillis = new ConcurrentHashMap<>();
    /** For each event still waiting {@link #DIAGNOSE_AFTER} after the kill: its entity's rows then, to show what held it. */
    private final Map<Long, String> diagnoses = new ConcurrentHashMap<>();
    private static final long DIAGNOSE_AFTER = 20_000;
    private final Thread watcher;

    /** Snapshots what {@code owner} holds now (call just before the kill) and starts watching. */
    ResumeWatch(JdbcTemplate jdbc, String owner, Duration atMost) {
        this.jdbc = jdbc;
        jdbc.query("SELECT id, entity_key, status, lease_owner, attempts FROM inbox_event WHERE status = 'PROCESSING'"
                + " AND lease_owner = ?", row -> {
                    inFlight.put(row.getLong("id"), new Lease(row.getString("status"), row.getString("lease_owner"),
                            row.getInt("attempts")));
                    entityOf.put(row.getLong("id"), row.getString("entity_key"));
                }, owner);
        watcher = new Thread(() -> watch(atMost), "resume-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    int inFlight() {
        return inFlight.size();
    }

    private void watch(Duration atMost) {
        long deadline = startedNanos + atMost.toNanos();
        String ids = inFlight.keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
        while (!inFlight.isEmpty() && resumedAfterMillis.size() < inFlight.size() && System.nanoTime() < deadline) {
            // One query for all of them: a query per event, each on a new connection, lags seconds behind under load.
            Map<Long, Lease> now = new HashMap<>();
            jdbc.query("SELECT id, status, lease_owner, attempts FROM inbox_event WHERE id IN (" + ids + ")", row -> {
                now.put(row.getLong("id"), new Lease(row.getString("status"), row.getString("lease_owner"),
                        row.getInt("attempts")));
            });
            Set<String> progressed = new HashSet<>(jdbc.queryForList("SELECT DISTINCT e.entity_key FROM inbox_event_history h"
                    + " JOIN inbox_event e ON e.id = h.event_id WHERE h.at > ? AND e.entity_key IN (SELECT entity_key"
                    + " FROM inbox_event WHERE id IN (" + ids + "))", String.class, killedAt));
            long elapsedMillis = (System.nanoTime() - startedNanos) / 1_000_000;
            inFlight.forEach((id, lease) -> {
                if (!resumedAfterMillis.containsKey(id)
                        && (!lease.equals(now.get(id)) || progressed.contains(entityOf.get(id)))) {
                    resumedAfterMillis.put(id, elapsedMillis);
                } else if (!resumedAfterMillis.containsKey(id) && elapsedMillis > DIAGNOSE_AFTER
                        && !diagnoses.containsKey(id)) {
                    diagnoses.put(id, entityRows(entityOf.get(id)));
                }
            });
            ChildApp.sleep(100);
        }
    }

    private String entityRows(String entityKey) {
        StringBuilder rows = new StringBuilder(entityKey + " at " + LocalDateTime.now(ZoneOffset.UTC) + ":");
        jdbc.query("SELECT id, topic, status, attempts, order_at, next_attempt_at, lease_owner, lease_until, last_error"
                + " FROM inbox_event WHERE entity_key = ? ORDER BY order_at, id", row -> {
                    rows.append(String.format("%n      #%d %s %s attempts=%d order_at=%s next=%s lease=%s until %s%s",
                            row.getLong(1), row.getString(2), row.getString(3), row.getInt(4), row.getObject(5),
                            row.getObject(6), row.getString(7), row.getObject(8),
                            row.getString(9) == null ? "" : " error=" + row.getString(9)));
                }, entityKey);
        return rows.toString();
    }

    /** What held the events that waited longer than 20 s, as their entity's rows were then; empty when none did. */
    String diagnoses() {
        return diagnoses.entrySet().stream().map(entry -> "    event " + entry.getKey() + " waiting: " + entry.getValue())
                .collect(Collectors.joining(System.lineSeparator()));
    }

    /** The longest wait from the snapshot to an event's resumption, in seconds; an event never resumed counts as the whole watch. */
    double longestWaitSeconds() {
        try {
            watcher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long unresumedMillis = (System.nanoTime() - startedNanos) / 1_000_000;
        return inFlight.keySet().stream()
                .mapToLong(id -> resumedAfterMillis.getOrDefault(id, unresumedMillis))
                .max().orElse(0) / 1000.0;
    }
}
