package io.shoperp.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.shoperp.support.MariaDbServer;
import io.shoperp.support.ProcessingSettings;
import io.shoperp.support.SandboxedApp;
import io.shoperp.support.ShopifyWebhookClient;
import io.shoperp.support.TestOrder;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Leases over HTTP into the application on MariaDB and its ERPNext sandbox: a slow worker keeps its event however short the
 * liveness timeout, and a clean shutdown (the context closing, as on SIGTERM) answers webhooks 503, lets the running
 * event finish and hands the claimed ones that had not started back at once.
 */
class LeaseRecoveryMariaDbTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void aSlowWorkerRenewsItsLeaseAndIsNeverOvertaken() {
        try (SandboxedApp env = SandboxedApp.start(MariaDbServer.get().createSchema("lease_slow"), Map.of(
                "processing.liveness-timeout", "1s", "processing.concurrency", "1"))) {
            ProcessingSettings.seedGuestCustomer(env.sandbox());
            // Every ERPNext call takes longer than a whole lease: only renewals keep the event with its worker.
            env.sandbox().faults().latency(Duration.ofMillis(1500));

            String webhookId = env.deliver("orders/create", order(9_100_000_001L).json().toString());

            await().atMost(Duration.ofSeconds(60)).until(() -> env.status(webhookId).equals("DONE"));
            long eventId = eventId(env.jdbc(), webhookId);
            assertThat(env.jdbc().queryForObject("SELECT attempts FROM inbox_event WHERE id = ?", Integer.class, eventId))
                    .isEqualTo(1);
            assertThat(history(env.jdbc(), eventId)).noneMatch(line -> line.contains("taken over"));
        }
    }

    @Test
    void aBacklogIsClaimedOnlyAsFastAsTheWorkersStartIt() {
        try (SandboxedApp env = SandboxedApp.start(MariaDbServer.get().createSchema("lease_backlog"), Map.of(
                "processing.concurrency", "1", "processing.batch-size", "2"))) {
            ProcessingSettings.seedGuestCustomer(env.sandbox());
            env.sandbox().faults().latency(Duration.ofMillis(150));
            List<String> webhookIds = new ArrayList<>();
            for (long order = 9_100_000_200L; order < 9_100_000_280L; order += 10) {
                webhookIds.add(env.deliver("orders/create", order(order).json().toString()));
            }

            int mostInHand = 0;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (Instant.now().isBefore(deadline) && !webhookIds.stream().allMatch(id -> env.status(id).equals("DONE"))) {
                mostInHand = Math.max(mostInHand, env.jdbc().queryForObject(
                        "SELECT COUNT(*) FROM inbox_event WHERE status = 'PROCESSING'", Integer.class));
            }

            assertThat(webhookIds).allMatch(id -> env.status(id).equals("DONE"));
            assertThat(mostInHand).as("events leased at once: the worker's and one batch waiting for it")
                    .isBetween(1, 3);
        }
    }

    @Test
    void anEntityADeadInstanceLeftLeasedGoesAheadOfTheBacklog() {
        try (SandboxedApp env = SandboxedApp.start(MariaDbServer.get().createSchema("lease_takeover_first"),
                Map.of("processing.enabled", "false"))) {
            JdbcTemplate jdbc = env.jdbc();
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
            // 40 events of other orders, due for a minute: the backlog.
            for (int i = 0; i < 40; i++) {
                InboxRows.insert(jdbc, ShopifyWebhookClient.SHOP, "backlog-" + i, "orders/updated", "order:" + i,
                        "PENDING", "{}".getBytes(), now.minusSeconds(60).plusNanos(i * 1000L));
            }
            // The dead instance's event of order 900, and an older version of the order that arrived after the crash.
            long leftLeased = InboxRows.insert(jdbc, ShopifyWebhookClient.SHOP, "in-flight", "orders/updated",
                    "order:900", "PROCESSING", "{}".getBytes(), now.minusSeconds(59));
            jdbc.update("UPDATE inbox_event SET lease_owner = 'killed-instance', lease_until = ?, attempts = 1"
                    + " WHERE id = ?", now.minusSeconds(1), leftLeased);
            long olderVersion = InboxRows.insert(jdbc, ShopifyWebhookClient.SHOP, "older-late", "orders/create",
                    "order:900", "PENDING", "{}".getBytes(), now);
            jdbc.update("UPDATE inbox_event SET order_at = ? WHERE id = ?", now.minusSeconds(120), olderVersion);

            List<InboxEvent> claimed = env.app().bean(InboxDispatcher.class).claimDue();

            assertThat(claimed).extracting(InboxEvent::id).as("the order the crash stopped, its older version first")
                    .contains(olderVersion).doesNotContain(leftLeased);
            assertThat(claimed).as("a batch: twice the default concurrency").hasSize(8);
        }
    }

    @Test
    void aCleanShutdownFinishesTheRunningEventHandsTheOthersBackAndRefusesWebhooks() throws Exception {
        String database = MariaDbServer.get().createSchema("lease_shutdown");
        // The stopped instance's pool is closed: the inbox is read afterwards over a connection of the test's own.
        JdbcTemplate inbox = new JdbcTemplate(new DriverManagerDataSource(database, "root", ""));
        try (SandboxedApp env = SandboxedApp.start(database, Map.of(
                "processing.concurrency", "1", "processing.batch-size", "4", "processing.shutdown-grace", "30s"))) {
            ProcessingSettings.seedGuestCustomer(env.sandbox());
            env.sandbox().faults().latency(Duration.ofMillis(700));
            List<String> webhookIds = new ArrayList<>();
            for (long order = 9_100_000_100L; order < 9_100_000_140L; order += 10) {
                webhookIds.add(env.deliver("orders/create", order(order).json().toString()));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> env.jdbc().queryForObject(
                    "SELECT COUNT(*) FROM inbox_event WHERE status = 'PROCESSING'", Integer.class) == 4);

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> env.app().close());
            HttpResponse<String> refused = await().atMost(Duration.ofSeconds(10)).until(() -> env.shopify().send(
                    env.shopify().delivery("orders/create", UUID.randomUUID().toString(),
                            order(9_100_000_900L).json().toString())), response -> response.statusCode() != 200);
            stopped.get();

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("shutting down: not stored, retry later");
            List<String> statuses = webhookIds.stream().map(id -> status(inbox, id)).toList();
            assertThat(statuses).doesNotContain("PROCESSING");
            assertThat(statuses).filteredOn("DONE"::equals).hasSize(1);
            assertThat(statuses).filteredOn("PENDING"::equals).hasSize(3);
            for (String webhookId : webhookIds) {
                if (status(inbox, webhookId).equals("PENDING")) {
                    long eventId = eventId(inbox, webhookId);
                    assertThat(inbox.queryForObject("SELECT attempts FROM inbox_event WHERE id = ?", Integer.class,
                            eventId)).as("the handed-back claim is not counted as an attempt").isZero();
                    assertThat(history(inbox, eventId)).anyMatch(line -> line.contains("handed back at shutdown"));
                }
            }
            assertThat(inbox.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE webhook_id NOT IN ("
                    + String.join(",", webhookIds.stream().map(id -> "'" + id + "'").toList()) + ")", Integer.class))
                    .as("the delivery refused with 503 was not stored").isZero();
        }
    }

    private static TestOrder order(long id) {
        return TestOrder.guest(id, "#" + id % 10_000, T0).financialStatus("pending").line(id + 1, "LEASE-" + id, 1,
                "5.00", "0.00");
    }

    private static String status(JdbcTemplate inbox, String webhookId) {
        return inbox.queryForObject("SELECT status FROM inbox_event WHERE webhook_id = ?", String.class, webhookId);
    }

    private static long eventId(JdbcTemplate inbox, String webhookId) {
        return inbox.queryForObject("SELECT id FROM inbox_event WHERE webhook_id = ?", Long.class, webhookId);
    }

    private static List<String> history(JdbcTemplate inbox, long eventId) {
        return inbox.queryForList("SELECT detail FROM inbox_event_history WHERE event_id = ? ORDER BY id",
                String.class, eventId);
    }
}
