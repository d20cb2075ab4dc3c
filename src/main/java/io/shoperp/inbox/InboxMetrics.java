package io.shoperp.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gauges of the inbox: {@code inbox.events} by status and {@code inbox.oldest.pending.age} (seconds). One
 * snapshot query serves every gauge, and the health endpoint's inbox component, for a few seconds, so scrapes and
 * probes do not multiply database load.
 */
@Component
public class InboxMetrics {

    private static final Duration SNAPSHOT_TTL = Duration.ofSeconds(5);

    private record Snapshot(Instant takenAt, Map<InboxStatus, Long> counts, double oldestPendingSeconds) {
        double count(InboxStatus status) {
            return Double.isNaN(oldestPendingSeconds) ? Double.NaN : counts.getOrDefault(status, 0L);
        }
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot;

    public InboxMetrics(JdbcTemplate jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        for (InboxStatus status : InboxStatus.values()) {
            Gauge.builder("inbox.events", () -> snapshot().count(status))
                    .description("Inbox events by status")
                    .tag("status", status.name())
                    .register(meters);
        }
        Gauge.builder("inbox.oldest.pending.age", () -> snapshot().oldestPendingSeconds())
                .description("Age of the oldest PENDING event (0 when none)")
                .baseUnit("seconds")
                .register(meters);
    }

    /** How many events the inbox holds per status and how old its oldest PENDING one is (seconds). */
    public record Backlog(Map<InboxStatus, Long> counts, double oldestPendingSeconds) {
    }

    /** The inbox's backlog as the gauges show it (a few seconds old at most); empty while the database is down. */
    public Optional<Backlog> backlog() {
        Snapshot current = snapshot();
        return Double.isNaN(current.oldestPendingSeconds()) ? Optional.empty()
                : Optional.of(new Backlog(Map.copyOf(current.counts()), current.oldestPendingSeconds()));
    }

    private Snapshot snapshot() {
        Instant now = Instant.now(clock);
        Snapshot current = snapshot;
        if (current == null || current.takenAt().plus(SNAPSHOT_TTL).isBefore(now)) {
            try {
                current = take(now);
            } catch (DataAccessException databaseDown) {
                // Health shows the database; the gauges say "unknown" rather than a stale or zero figure.
                current = new Snapshot(now, Map.of(), Double.NaN);
            }
            snapshot = current;
        }
        return current;
    }

    private Snapshot take(Instant now) {
        Map<InboxStatus, Long> counts = new EnumMap<>(InboxStatus.class);
        jdbc.query("SELECT status, COUNT(*) FROM inbox_event GROUP BY status",
                rs -> {
                    counts.put(InboxStatus.valueOf(rs.getString(1)), rs.getLong(2));
                });
        LocalDateTime oldest = jdbc.queryForObject(
                "SELECT MIN(received_at) FROM inbox_event WHERE status = 'PENDING'", LocalDateTime.class);
        double age = oldest == null ? 0 : Math.max(0,
                Duration.between(UtcColumns.instant(oldest), now).toMillis() / 1000.0);
        return new Snapshot(now, counts, age);
    }
}
