package io.shoperp.shopify;

import static io.shoperp.shopify.ReconcileTestOrders.status;
import static io.shoperp.shopify.ReconcileTestOrders.syntheticStatuses;
import static io.shoperp.shopify.ReconcileTestOrders.watermark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.shopify.ReconcileTestOrders.Version;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import io.shoperp.support.MariaDbServer;
import io.shoperp.support.SandboxedApp;
import io.shoperp.support.ShopifyWebhookClient;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reconciliation end to end on MariaDB: orders held by the Shopify sandbox (the shop's Admin API, through a recording
 * proxy) reach the inbox and the ERPNext sandbox when their webhook never came, and nothing else changes. Runs are
 * triggered one at a time through the route a scheduled run takes for each shop.
 */
class ReconciliationMariaDbTest {

    private static final String SHOP = ShopifyWebhookClient.SHOP;
    private static final Duration PROCESSED = Duration.ofSeconds(20);

    static ShopifySandbox shopify;
    static ReconcileAdminApiProxy adminApi;
    static SandboxedApp env;
    static JdbcTemplate jdbc;
    static final ReconcileTestOrders orders = new ReconcileTestOrders();

    @BeforeAll
    static void start() {
        shopify = new ShopifySandbox().start();
        adminApi = new ReconcileAdminApiProxy(shopify);
        env = SandboxedApp.start(MariaDbServer.get().createSchema("reconcile_test"), Map.of(
                "shopify.shops[0].admin-api-url", adminApi.url(),
                "shopify.shops[0].admin-api-token", shopify.accessToken(),
                "reconcile.enabled", "false",
                "reconcile.page-size", "2",
                // With versions a minute apart, a run re-reads only the newest order it saw before.
                "reconcile.overlap", "1s"));
        jdbc = env.jdbc();
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
        if (adminApi != null) {
            adminApi.close();
        }
        if (shopify != null) {
            shopify.close();
        }
    }

    @Test
    void anOrderWhoseWebhookNeverCameBecomesASalesOrder() {
        double fedBefore = reconciled("fed");
        Version lost = orders.newOrderIn(shopify);

        reconcile();

        awaitProcessed(lost);
        Map<String, Object> event = jdbc.queryForMap("SELECT topic, event_id, entity_key, resource_updated_at, status"
                + " FROM inbox_event WHERE webhook_id = ?", lost.syntheticWebhookId());
        assertThat(event).containsEntry("topic", "orders/updated").containsEntry("entity_key", "order:" + lost.id())
                .containsEntry("status", "DONE");
        assertThat(event.get("event_id")).isNull();
        assertThat(env.sandbox().documents("Sales Order"))
                .filteredOn(doc -> doc.path("shopify_order_id").asText().equals(String.valueOf(lost.id())))
                .singleElement().satisfies(doc -> {
                    assertThat(doc.path("docstatus").asInt()).isEqualTo(1);
                    assertThat(doc.path("grand_total").decimalValue()).isEqualByComparingTo("116.06");
                });
        assertThat(watermark(jdbc, SHOP)).contains(lost.updatedAt());
        assertThat(reconciled("fed")).isEqualTo(fedBefore + 1);
        assertThat(env.app().bean(MeterRegistry.class).find("reconcile.last.success").tag("shop", SHOP).gauge())
                .isNotNull();
    }

    @Test
    void anOrderWhoseWebhookArrivedIsNotFedAgain() {
        Version delivered = orders.newOrderIn(shopify);
        String webhookId = env.deliver("orders/create", delivered.jsonText());
        await().atMost(PROCESSED).until(() -> env.status(webhookId).equals("DONE"));
        int orderFetchesBefore = shopify.requestCount("rest order");

        reconcile();

        assertThat(status(jdbc, delivered.syntheticWebhookId())).isEmpty();
        assertThat(shopify.requestCount("rest order")).isEqualTo(orderFetchesBefore);
        assertThat(watermark(jdbc, SHOP)).contains(delivered.updatedAt());
    }

    @Test
    void aNewerVersionThanTheWebhookBroughtIsFed() {
        Version delivered = orders.newOrderIn(shopify);
        String webhookId = env.deliver("orders/create", delivered.jsonText());
        await().atMost(PROCESSED).until(() -> env.status(webhookId).equals("DONE"));
        Version updatedSilently = orders.newVersionIn(shopify, delivered.id());

        reconcile();

        awaitProcessed(updatedSilently);
        assertThat(status(jdbc, updatedSilently.syntheticWebhookId())).contains("DONE");
        assertThat(status(jdbc, delivered.syntheticWebhookId())).isEmpty();
    }

    @Test
    void anOrderWhoseWebhookEndedDeadIsFedAgain() {
        Version delivered = orders.newOrderIn(shopify);
        env.sandbox().faults().failNext(1, 403, null);
        String webhookId = env.deliver("orders/create", delivered.jsonText());
        await().atMost(PROCESSED).until(() -> env.status(webhookId).equals("DEAD"));

        reconcile();

        awaitProcessed(delivered);
        assertThat(env.sandbox().documents("Sales Order"))
                .filteredOn(doc -> doc.path("shopify_order_id").asText().equals(String.valueOf(delivered.id())))
                .hasSize(1);
    }

    @Test
    void reconcilingTwiceChangesNothing() {
        Version first = orders.newOrderIn(shopify);
        Version second = orders.newOrderIn(shopify);
        Version third = orders.newOrderIn(shopify);
        reconcile();
        awaitProcessed(first, second, third);
        long events = inboxEvents();
        List<String> documents = erpNextDocuments();
        int orderFetches = shopify.requestCount("rest order");
        Optional<Instant> watermark = watermark(jdbc, SHOP);

        reconcile();

        assertThat(inboxEvents()).isEqualTo(events);
        assertThat(erpNextDocuments()).isEqualTo(documents);
        assertThat(shopify.requestCount("rest order")).isEqualTo(orderFetches);
        assertThat(watermark(jdbc, SHOP)).isEqualTo(watermark).contains(third.updatedAt());
    }

    @Test
    void aListingThrottledBeyondTheClientsPatienceEndsTheRunAndTheNextRunCompletesIt() {
        Version first = orders.newOrderIn(shopify);
        Version second = orders.newOrderIn(shopify);
        Version third = orders.newOrderIn(shopify);
        // The second page: THROTTLED for the first call and both retries the client allows itself.
        adminApi.beforeGraphQl(2, () -> shopify.throttleNext(3, new ThrottleStatus(1000, 0, 1000), 20));

        reconcile();

        // The first page of two held the first order (and the second, or the newest order of an earlier run).
        assertThat(status(jdbc, first.syntheticWebhookId())).isPresent();
        assertThat(status(jdbc, third.syntheticWebhookId())).isEmpty();
        Instant stoppedAt = status(jdbc, second.syntheticWebhookId()).isPresent()
                ? second.updatedAt() : first.updatedAt();
        assertThat(watermark(jdbc, SHOP)).contains(stoppedAt);

        reconcile();

        awaitProcessed(first, second, third);
        assertThat(watermark(jdbc, SHOP)).contains(third.updatedAt());
    }

    @Test
    void aRateLimitedOrderFetchEndsTheRunAfterTheOrdersBeforeIt() {
        Version first = orders.newOrderIn(shopify);
        Version second = orders.newOrderIn(shopify);
        Version third = orders.newOrderIn(shopify);
        // Longer than shopify.admin-api-max-throttle-wait: the client hands it back at once.
        adminApi.beforeRestOrder(2, () -> shopify.rateLimitNext(1, Duration.ofSeconds(30)));

        reconcile();

        assertThat(syntheticStatuses(jdbc, second, third)).isEmpty();
        assertThat(status(jdbc, first.syntheticWebhookId())).isPresent();
        assertThat(watermark(jdbc, SHOP)).contains(first.updatedAt());

        reconcile();

        awaitProcessed(first, second, third);
        assertThat(watermark(jdbc, SHOP)).contains(third.updatedAt());
    }

    private static void reconcile() {
        env.app().bean(ProducerTemplate.class).sendBody("direct:orders-reconcile-shop", SHOP);
    }

    private static void awaitProcessed(Version... versions) {
        await().atMost(PROCESSED).untilAsserted(() ->
                assertThat(syntheticStatuses(jdbc, versions)).hasSize(versions.length).containsOnly("DONE"));
    }

    private static long inboxEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event", Long.class);
    }

    private static List<String> erpNextDocuments() {
        return List.of("Customer", "Item", "Sales Order", "Sales Invoice", "Payment Entry").stream()
                .flatMap(doctype -> env.sandbox().documents(doctype).stream()).map(Object::toString).toList();
    }

    private static double reconciled(String outcome) {
        Counter counter = env.app().bean(MeterRegistry.class).find("reconcile.orders").tags("shop", SHOP,
                "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
