package io.shoperp.inbox;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Read side of the inbox for operators: filtered pages of events, one event with its payload and history. */
@Component
public class InboxQueries {

    /** Filters of a listing; null fields do not filter. {@code entityKey} as in the inbox: order:123, customer:456. */
    public record Filter(InboxStatus status, String topic, String shop, String entityKey) {
    }

    public record Summary(long id, String shop, String topic, String webhookId, String entityKey, InboxStatus status,
                          int attempts, Instant receivedAt, Instant nextAttemptAt, Instant updatedAt,
                          String statusReason) {
    }

    public record HistoryEntry(Instant at, InboxStatus status, int attempt, String detail) {
    }

    public record Detail(Summary event, String eventId, Instant triggeredAt, String apiVersion,
                         Instant resourceUpdatedAt, String lastError, String leaseOwner, Instant leaseUntil,
                         Instant redactedAt, String payload, List<HistoryEntry> history) {
    }

    public record Page(List<Summary> items, int page, int size, long total) {
    }

    private static final String SUMMARY_COLUMNS = """
            id, shop_domain, topic, webhook_id, entity_key, status, attempts, received_at, next_attempt_at,
            updated_at, status_reason""";

    private final JdbcTemplate jdbc;

    public InboxQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Page list(Filter filter, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event" + where, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<Summary> items = jdbc.query("SELECT " + SUMMARY_COLUMNS + " FROM inbox_event" + where
                + " ORDER BY id DESC LIMIT ? OFFSET ?", (rs, row) -> summary(rs), args.toArray());
        return new Page(items, page, size, total);
    }

    public Optional<Detail> find(long id) {
        List<Detail> found = jdbc.query("SELECT " + SUMMARY_COLUMNS + ", event_id, triggered_at, api_version,"
                + " resource_updated_at, last_error, lease_owner, lease_until, redacted_at, payload FROM inbox_event"
                + " WHERE id = ?",
                (rs, row) -> new Detail(summary(rs), rs.getString("event_id"), UtcColumns.instant(rs, "triggered_at"),
                        rs.getString("api_version"), UtcColumns.instant(rs, "resource_updated_at"),
                        rs.getString("last_error"), rs.getString("lease_owner"), UtcColumns.instant(rs, "lease_until"),
                        UtcColumns.instant(rs, "redacted_at"), new String(rs.getBytes("payload"), StandardCharsets.UTF_8),
                        history(id)), id);
        return found.stream().findFirst();
    }

    /** Ids of the events in a status (and optional topic/shop), oldest first, for bulk replay. */
    public List<Long> ids(Filter filter, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        args.add(limit);
        return jdbc.queryForList("SELECT id FROM inbox_event" + where + " ORDER BY id LIMIT ?", Long.class,
                args.toArray());
    }

    /**
     * The newest resource version (updated_at) among a shop's events of one entity and topic family (e.g.
     * {@code orders/}) that are not DEAD: the version the inbox holds or has applied. Empty when there is none.
     */
    public Optional<Instant> newestLiveVersion(String shop, String entityKey, String topicPrefix) {
        LocalDateTime newest = jdbc.queryForObject("SELECT MAX(resource_updated_at) FROM inbox_event"
                        + " WHERE entity_key = ? AND shop_domain = ? AND topic LIKE ? AND status <> 'DEAD'",
                LocalDateTime.class, entityKey, shop, topicPrefix + "%");
        return Optional.ofNullable(newest).map(UtcColumns::instant);
    }

    private List<HistoryEntry> history(long eventId) {
        return jdbc.query("SELECT at, status, attempt, detail FROM inbox_event_history WHERE event_id = ? ORDER BY id",
                (rs, row) -> new HistoryEntry(UtcColumns.instant(rs, "at"), InboxStatus.valueOf(rs.getString("status")),
                        rs.getInt("attempt"), rs.getString("detail")), eventId);
    }

    private static String where(Filter filter, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (filter.status() != null) {
            conditions.add("status = ?");
            args.add(filter.status().name());
        }
        if (filter.topic() != null) {
            conditions.add("topic = ?");
            args.add(filter.topic());
        }
        if (filter.shop() != null) {
            conditions.add("shop_domain = ?");
            args.add(filter.shop());
        }
        if (filter.entityKey() != null) {
            conditions.add("entity_key = ?");
            args.add(filter.entityKey());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        return new Summary(rs.getLong("id"), rs.getString("shop_domain"), rs.getString("topic"),
                rs.getString("webhook_id"), rs.getString("entity_key"), InboxStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"), UtcColumns.instant(rs, "received_at"), UtcColumns.instant(rs, "next_attempt_at"),
                UtcColumns.instant(rs, "updated_at"), rs.getString("status_reason"));
    }
}
