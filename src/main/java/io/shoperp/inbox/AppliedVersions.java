package io.shoperp.inbox;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Body;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The newest Shopify version (updated_at) applied per resource. An event carrying an older version of a resource
 * than one already applied is stale: Shopify delivers out of order and late, and applying it would roll ERPNext
 * back. Only topics whose payload is the whole resource, with its own updated_at, are versioned; fulfilments
 * and refunds share their order's key but are different resources.
 */
@Component("appliedVersions")
public class AppliedVersions {

    private static final List<String> VERSIONED_TOPIC_FAMILIES = List.of("customers/", "orders/", "products/");

    private final JdbcTemplate jdbc;

    public AppliedVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isStale(@Body InboxEvent event) {
        return appliedVersion(event).filter(applied -> event.resourceUpdatedAt().isBefore(applied)).isPresent();
    }

    /** The version applied so far for the event's resource, when the event is versioned at all. */
    public Optional<Instant> appliedVersion(InboxEvent event) {
        if (!isVersioned(event)) {
            return Optional.empty();
        }
        return appliedVersion(event.entityKey());
    }

    /** The version applied so far for a resource key such as {@code order:<id>}; empty when none was applied. */
    public Optional<Instant> appliedVersion(String resourceKey) {
        return jdbc.queryForList("SELECT updated_at FROM applied_version WHERE resource_key = ?", LocalDateTime.class,
                resourceKey).stream().findFirst().map(UtcColumns::instant);
    }

    /** Records the event's version unless a newer one is recorded; runs inside the completing transaction. */
    void record(InboxEvent event) {
        if (!isVersioned(event)) {
            return;
        }
        int raised = jdbc.update("UPDATE applied_version SET updated_at = ?, event_id = ?"
                        + " WHERE resource_key = ? AND updated_at <= ?",
                UtcColumns.utc(event.resourceUpdatedAt()), event.id(), event.entityKey(),
                UtcColumns.utc(event.resourceUpdatedAt()));
        if (raised == 0) {
            try {
                jdbc.update("INSERT INTO applied_version (resource_key, updated_at, event_id) VALUES (?, ?, ?)",
                        event.entityKey(), UtcColumns.utc(event.resourceUpdatedAt()), event.id());
            } catch (DuplicateKeyException newerAlreadyRecorded) {
                // The row exists with a newer version: it stays.
            }
        }
    }

    private static boolean isVersioned(InboxEvent event) {
        return event.resourceUpdatedAt() != null
                && VERSIONED_TOPIC_FAMILIES.stream().anyMatch(family -> event.topic().startsWith(family));
    }
}
