package io.shoperp.inbox;

import java.time.LocalDateTime;

import org.springframework.jdbc.core.JdbcTemplate;

/** Inbox rows written straight into the table, for scenarios that need events in a given state and age. */
public final class InboxRows {

    private InboxRows() {
    }

    /**
     * An event in {@code status} that was received, due and last updated at {@code at} (UTC), ordered at it too.
     *
     * @return its id
     */
    public static long insert(JdbcTemplate jdbc, String shop, String webhookId, String topic, String entityKey, String status,
                       byte[] payload, LocalDateTime at) {
        jdbc.update("""
                INSERT INTO inbox_event (shop_domain, topic, webhook_id, entity_key, order_at, payload, status,
                                         next_attempt_at, received_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                shop, topic, webhookId, entityKey, at, payload, status, at, at, at);
        return jdbc.queryForObject("SELECT id FROM inbox_event WHERE webhook_id = ?", Long.class, webhookId);
    }

    /** The stored event as the inbox reads it. */
    public static InboxEvent event(JdbcTemplate jdbc, long id) {
        return jdbc.queryForObject("SELECT " + InboxStore.EVENT_COLUMNS + " FROM inbox_event WHERE id = ?",
                InboxStore.EVENT_ROW, id);
    }
}
