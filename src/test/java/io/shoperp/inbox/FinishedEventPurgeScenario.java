package io.shoperp.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finished, open and DEAD events of various ages (default retention 30 days), purged and checked: the same on H2
 * and on MariaDB, where the purge's SQL must hold too.
 */
final class FinishedEventPurgeScenario {

    private static final Instant NOW = Instant.now();

    private final JdbcTemplate jdbc;

    FinishedEventPurgeScenario(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void run(FinishedEventPurger purger) {
        long oldDone = insert("purge-old-done", "customers/update", "customer:9101", "DONE", 31);
        insert("purge-old-ignored", "products/update", "product:9102", "IGNORED", 31);
        insert("purge-old-dead", "customers/update", "customer:9103", "DEAD", 31);
        insert("purge-old-pending", "customers/update", "customer:9104", "PENDING", 31);
        insert("purge-recent-done", "customers/update", "customer:9105", "DONE", 29);
        insert("purge-order-created", "orders/create", "order:9106", "DONE", 40);
        insert("purge-order-updated", "orders/updated", "order:9106", "DONE", 35);
        insert("purge-order-refund", "refunds/create", "order:9106", "DONE", 34);
        insert("purge-order2-created", "orders/create", "order:9107", "DONE", 40);
        insert("purge-order2-updated-dead", "orders/updated", "order:9107", "DEAD", 35);
        jdbc.update("INSERT INTO inbox_event_history (event_id, at, status, attempt, detail) VALUES (?, ?, 'DONE', 1, 'x')",
                oldDone, daysAgo(31));

        // The application's own scheduled purge may run meanwhile: what is left is what counts.
        purger.purgeExpired();

        assertThat(jdbc.queryForList("SELECT webhook_id FROM inbox_event WHERE webhook_id LIKE 'purge-%'", String.class))
                .containsExactlyInAnyOrder(
                        "purge-old-dead", "purge-old-pending", "purge-recent-done",
                        // the newest orders/* event of each order: a later refund reads taxes_included from it
                        "purge-order-updated", "purge-order2-created", "purge-order2-updated-dead");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event_history WHERE event_id = ?", Integer.class,
                oldDone)).isZero();
        // Not left for the workers of later tests sharing the database (the pending one would be claimed).
        jdbc.update("DELETE FROM inbox_event_history WHERE event_id IN"
                + " (SELECT id FROM inbox_event WHERE webhook_id LIKE 'purge-%')");
        jdbc.update("DELETE FROM inbox_event WHERE webhook_id LIKE 'purge-%'");
    }

    /** An event that became due and finished {@code days} ago, its order_at that long ago too. */
    private long insert(String webhookId, String topic, String entityKey, String status, int days) {
        return InboxRows.insert(jdbc, "purge-shop.myshopify.com", webhookId, topic, entityKey, status, "{}".getBytes(),
                daysAgo(days));
    }

    private static LocalDateTime daysAgo(int days) {
        return LocalDateTime.ofInstant(NOW.minus(Duration.ofDays(days)), ZoneOffset.UTC);
    }
}
