package io.shoperp.stock;

import static io.shoperp.inbox.UtcColumns.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.authority.AuthorityRules;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import io.shoperp.inbox.InboxDispatcher;
import io.shoperp.ingest.WebhookSignatures;
import io.shoperp.shopify.InventoryChange;
import io.shoperp.shopify.ShopifyAdminClient;
import io.shoperp.shopify.ShopifyAdminSettings;
import io.shoperp.shopify.ThrottleStatus;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import io.shoperp.inbox.UtcColumns;
import io.shoperp.support.Closing;
import io.shoperp.support.ProcessingSettings;
import io.shoperp.support.SandboxedApp;
import io.shoperp.support.TestOrder;
import io.shoperp.support.ShopifyWebhookClient;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The stock push and its echoes through the whole application: ERPNext sandbox as the stock authority, the Shopify
 * sandbox as the shop's Admin API, its inventory_levels/update echoes signed and sent to the app's webhook endpoint.
 * Each test uses its own Item and inventory item; the scheduled push is triggered directly.
 */
class StockPushH2Test {

    private static final long LOCATION = 66_000_000_001L;
    private static final String WAREHOUSE = "Stores - SC";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ERPNEXT_WEBHOOK_SECRET = "erpnext-webhook-secret";
    private static final AtomicLong NEXT_INVENTORY_ITEM = new AtomicLong(44_000_000_001L);
    private static final AtomicLong NEXT_ORDER = new AtomicLong(900_000_000L);

    private static ShopifySandbox shopify;
    private static SandboxedApp env;
    private static ProducerTemplate camel;

    private record Level(String itemCode, long inventoryItemId) {
    }

    @BeforeAll
    static void start() {
        shopify = new ShopifySandbox().start();
        env = SandboxedApp.start("jdbc:h2:mem:stock-push;MODE=MySQL;DB_CLOSE_DELAY=-1", Map.of(
                "shopify.shops[0].admin-api-url", shopify.adminApiUrl(),
                "shopify.shops[0].admin-api-token", shopify.accessToken(),
                // Throttling surfaces at once instead of being waited out in-process.
                "shopify.admin-api-throttle-retries", "0",
                "erpnext.warehouses." + LOCATION, WAREHOUSE,
                "stock.push-interval", "1h",
                // The faults a test queues in the Shopify sandbox are for its push, not for a reconciliation run.
                "reconcile.enabled", "false",
                "authority.customer-details", "erpnext",
                "erpnext.webhook-secret", ERPNEXT_WEBHOOK_SECRET));
        shopify.echoInventoryTo("http://127.0.0.1:" + env.app().port() + "/webhooks/shopify",
                ShopifyWebhookClient.SHOP, ShopifyWebhookClient.SECRET);
        camel = env.app().bean(CamelContext.class).createProducerTemplate();
        ProcessingSettings.seedGuestCustomer(env.sandbox());
    }

    @AfterAll
    static void stop() {
        Closing.all(env, shopify);
    }

    @Test
    void pushSetsErpNextsActualMinusReservedWithOneWriteAndItsEchoIsIgnored() {
        Level level = mappedItem(12, 2, 0);

        push();

        assertThat(shopify.available(level.inventoryItemId(), LOCATION)).hasValue(10);
        assertThat(shopify.inventoryWrites(level.inventoryItemId(), LOCATION)).isEqualTo(1);
        awaitEvents(level, 1);
        assertThat(reasons(level)).singleElement().asString().startsWith("echo: our stock push wrote 10");

        push();

        assertThat(shopify.inventoryWrites(level.inventoryItemId(), LOCATION)).isEqualTo(1);
    }

    @Test
    void pushesAndEchoesBackAndForthWriteOncePerErpNextChange() {
        Level level = mappedItem(5, 0, 5);
        int rounds = 6;

        for (int round = 1; round <= rounds; round++) {
            env.sandbox().setActualQty(level.itemCode(), WAREHOUSE, BigDecimal.valueOf(5 + round));
            push();
            awaitEvents(level, round);
            push();
            push();
        }

        assertThat(shopify.inventoryWrites(level.inventoryItemId(), LOCATION)).isEqualTo(rounds);
        assertThat(shopify.available(level.inventoryItemId(), LOCATION)).hasValue(5 + rounds);
        assertThat(reasons(level)).hasSize(rounds).allSatisfy(reason -> assertThat(reason).startsWith("echo:"));
    }

    @Test
    void genuineShopifyChangeIsAConflictErpNextKeepsItsFigureAndTheNextPushRestoresIt() {
        Level level = mappedItem(10, 0, 0);
        push();
        awaitEvents(level, 1);
        double rejectedBefore = rejected("stock");

        adminSetsAvailable(level, 50);

        awaitEvents(level, 2);
        assertThat(reasons(level).get(1)).startsWith("conflict: not authoritative");
        assertThat(rejected("stock")).isEqualTo(rejectedBefore + 1);
        assertThat(env.sandbox().actualQty(level.itemCode(), WAREHOUSE)).isEqualByComparingTo("10");
        assertThat(env.sandbox().documents("Stock Reconciliation")).isEmpty();

        push();

        assertThat(shopify.available(level.inventoryItemId(), LOCATION)).hasValue(10);
        awaitEvents(level, 3);
        assertThat(reasons(level).get(2)).startsWith("echo:");
        push();
        assertThat(shopify.inventoryWrites(level.inventoryItemId(), LOCATION)).isEqualTo(3);
    }

    @Test
    void saleInShopifyDuringAPushMakesItReReadAndOfferNoMoreThanErpNextCoversAfterTheSale() {
        Level level = mappedItem(10, 0, 0);
        push();
        awaitEvents(level, 1);
        double staleBefore = counter("stock.push.stale");

        env.sandbox().setActualQty(level.itemCode(), WAREHOUSE, new BigDecimal("15"));
        // A customer buys 3 after the push last saw 10; the order and its webhook have not reached us yet.
        Instant saleAt = nextSecond();
        shopify.setAvailable(level.inventoryItemId(), LOCATION, 7);
        nextSecond();

        push();

        assertThat(counter("stock.push.stale")).isEqualTo(staleBefore + 1);
        assertThat(shopify.available(level.inventoryItemId(), LOCATION)).hasValue(12);
        assertThat(shopify.inventoryWrites(level.inventoryItemId(), LOCATION)).isEqualTo(2);

        // The sale's own webhook arrives late: a conflict, but old news to the push, which offers no more.
        shopify.sendWebhook("http://127.0.0.1:" + env.app().port() + "/webhooks/shopify", ShopifyWebhookClient.SHOP,
                ShopifyWebhookClient.SECRET, "inventory_levels/update", levelPayload(level, 7, saleAt));
        awaitEvents(level, 3);
        assertThat(reasons(level)).anySatisfy(reason -> assertThat(reason).startsWith("conflict: not authoritative"));
        push();
        assertThat(shopify.available(level.inventoryItemId(), LOCATION)).hasValue(12);

        // The order arrives and ERPNext records it (its Sales Order reserves 3): what Shopify shows, nothing to write.
        awaitDone(order(level, 3, saleAt));
        assertThat(env.sandbox().reservedQty(level.itemCode(), WAREHOUSE)).isEqualByComparingTo("3");
        push();
        assertThat(shopify.inventoryWrites(level.inventoryItemId(), LOCATION)).isEqualTo(2);
        assertThat(shopify.available(level.inventoryItemId(), LOCATION)).hasValue(12);
    }

    @Test
    void aMerchantSettingALevelBackToAFigureWePushedEarlierIsNotTakenForOurEcho() {
        Level level = mappedItem(10, 0, 0);
        push();
        awaitEvents(level, 1);
        env.sandbox().setActualQty(level.itemCode(), WAREHOUSE, new BigDecimal("8"));
        push();
        awaitEvents(level, 2);

        adminSetsAvailable(level, 10);
        awaitEvents(level, 3);

        assertThat(reasons(level).get(2)).startsWith("conflict: not authoritative");
        push();
        assertThat(shopify.available(level.inventoryItemId(), LOCATION)).hasValue(8);
        awaitEvents(level, 4);
        assertThat(reasons(level).get(3)).startsWith("echo: our stock push wrote 8");
        push();
        assertThat(shopify.inventoryWrites(level.inventoryItemId(), LOCATION)).as("no loop").isEqualTo(4);
    }

    @Test
    void aMerchantsChangeInTheSameSecondAsOurWriteIsReReadNotLost() {
        Level level = mappedItem(14, 0, 0);
        push();
        awaitEvents(level, 1);
        Instant pushedAt = UtcColumns.instant(env.jdbc().queryForObject("SELECT pushed_at FROM stock_push_state"
                + " WHERE inventory_item_id = ?", LocalDateTime.class, level.inventoryItemId()));
        assumeTrue(pushedAt.getNano() > 0, "the write fell on a whole second: nothing to tell apart");

        // The merchant set 41 later in the same second; Shopify's webhook says only which second.
        shopify.setAvailable(level.inventoryItemId(), LOCATION, 41);
        shopify.sendWebhook("http://127.0.0.1:" + env.app().port() + "/webhooks/shopify", ShopifyWebhookClient.SHOP,
                ShopifyWebhookClient.SECRET, "inventory_levels/update", levelPayload(level, 41, pushedAt));
        awaitEvents(level, 2);
        push();

        assertThat(shopify.available(level.inventoryItemId(), LOCATION)).hasValue(14);
    }

    @Test
    void aSaleErpNextRecordedBeforeThePushIsSubtractedOnce() {
        Level level = mappedItem(9, 0, 0);
        push();
        awaitEvents(level, 1);

        Instant saleAt = nextSecond();
        shopify.simulateSale(level.inventoryItemId(), LOCATION, 2);
        awaitEvents(level, 2);
        awaitDone(order(level, 2, saleAt));
        assertThat(env.sandbox().reservedQty(level.itemCode(), WAREHOUSE)).isEqualByComparingTo("2");

        push();

        assertThat(shopify.available(level.inventoryItemId(), LOCATION)).hasValue(7);
        assertThat(shopify.inventoryWrites(level.inventoryItemId(), LOCATION)).isEqualTo(1);
    }

    @Test
    void aSaleWhoseOrderIsStillInTheInboxIsNotOfferedAgain() {
        Level level = mappedItem(9, 0, 0);
        push();
        awaitEvents(level, 1);
        env.sandbox().setActualQty(level.itemCode(), WAREHOUSE, new BigDecimal("11"));

        // A sale of 3 whose order waits in the inbox for a retry (ERPNext is not told yet): Shopify 6, ERPNext 11.
        Instant saleAt = nextSecond();
        shopify.simulateSale(level.inventoryItemId(), LOCATION, 3);
        awaitEvents(level, 2);
        orderWaitingForARetry(level, 3, saleAt);

        push();

        assertThat(shopify.available(level.inventoryItemId(), LOCATION)).hasValue(8);
    }

    @Test
    void throttledPushStopsAndTheNextRunCompletesIt() {
        Level level = mappedItem(4, 0, 0);
        push();
        awaitEvents(level, 1);
        env.sandbox().setActualQty(level.itemCode(), WAREHOUSE, new BigDecimal("9"));

        shopify.throttleNext(1, new ThrottleStatus(1000, 0, 50), 1000);
        push();
        assertThat(shopify.available(level.inventoryItemId(), LOCATION)).hasValue(4);

        shopify.rateLimitNext(1, Duration.ofSeconds(30));
        push();
        assertThat(shopify.available(level.inventoryItemId(), LOCATION)).hasValue(4);

        push();
        assertThat(shopify.available(level.inventoryItemId(), LOCATION)).hasValue(9);
        assertThat(shopify.inventoryWrites(level.inventoryItemId(), LOCATION)).isEqualTo(2);
    }

    @Test
    void pushLeavesErpNextAloneWhileItsCircuitIsOpenAndTheNextRunAfterItClosesCompletes() {
        Level level = mappedItem(6, 0, 0);
        CircuitBreaker breaker = env.app().bean(CircuitBreakerRegistry.class).circuitBreaker("erpnext");
        int itemReads = env.sandbox().requestCount("GET", "Item");
        breaker.transitionToForcedOpenState();
        try {
            push();
        } finally {
            breaker.transitionToClosedState();
        }
        assertThat(env.sandbox().requestCount("GET", "Item")).isEqualTo(itemReads);
        assertThat(shopify.inventoryWrites(level.inventoryItemId(), LOCATION)).isZero();

        push();

        assertThat(shopify.available(level.inventoryItemId(), LOCATION)).hasValue(6);
    }

    @Test
    void shopRefusingTheTokenStopsTheRunAfterOneCallAndTheNextRunCompletes() {
        Level first = mappedItem(5, 0, 0);
        Level second = mappedItem(7, 0, 0);
        int calls = shopifyCalls();

        shopify.failNext(1, 401);
        push();

        assertThat(shopifyCalls() - calls).isEqualTo(1);
        assertThat(shopify.inventoryWrites(first.inventoryItemId(), LOCATION)).isZero();
        assertThat(shopify.inventoryWrites(second.inventoryItemId(), LOCATION)).isZero();

        push();

        assertThat(shopify.available(first.inventoryItemId(), LOCATION)).hasValue(5);
        assertThat(shopify.available(second.inventoryItemId(), LOCATION)).hasValue(7);
    }

    @Test
    void customerChangeIsNotAppliedWhenErpNextOwnsCustomerDetails() {
        double rejectedBefore = rejected("customer-details");

        String webhookId = env.deliver("customers/update",
                "{\"id\":7100001,\"updated_at\":\"2026-11-29T05:00:00Z\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"}");

        await().atMost(WAIT).until(() -> "IGNORED".equals(env.status(webhookId)));
        assertThat(env.statusReason(webhookId)).startsWith("not authoritative");
        assertThat(rejected("customer-details")).isEqualTo(rejectedBefore + 1);
        assertThat(env.sandbox().count("Customer", "shopify_customer_id", "7100001")).isZero();
    }

    @Test
    void signedStockLedgerEntryWebhookFromErpNextPushesWithoutWaitingForTheSchedule() throws Exception {
        Level level = mappedItem(3, 0, 0);
        byte[] entry = ("{\"doctype\":\"Stock Ledger Entry\",\"item_code\":\"" + level.itemCode()
                + "\",\"warehouse\":\"" + WAREHOUSE + "\",\"qty_after_transaction\":3}").getBytes(StandardCharsets.UTF_8);

        assertThat(postErpNextWebhook(entry, WebhookSignatures.sign("wrong".getBytes(StandardCharsets.UTF_8), entry)))
                .isEqualTo(401);
        assertThat(postErpNextWebhook(entry, null)).isEqualTo(401);
        byte[] huge = new byte[ErpNextStockWebhook.MAX_BODY_BYTES + 1];
        assertThat(postErpNextWebhook(huge, WebhookSignatures.sign(
                ERPNEXT_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), huge))).isEqualTo(413);
        assertThat(shopify.inventoryWrites(level.inventoryItemId(), LOCATION)).isZero();

        assertThat(postErpNextWebhook(entry,
                WebhookSignatures.sign(ERPNEXT_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), entry))).isEqualTo(202);
        await().atMost(WAIT).until(() -> shopify.available(level.inventoryItemId(), LOCATION).orElse(-1) == 3);
    }

    @Test
    void aPushErpNextAsksForWaitsForAPushRunningOnAnotherInstance() throws Exception {
        Level level = mappedItem(8, 0, 0);
        byte[] entry = ("{\"doctype\":\"Stock Ledger Entry\",\"item_code\":\"" + level.itemCode() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        JdbcTemplate jdbc = env.jdbc();
        jdbc.update("DELETE FROM scheduled_job WHERE name = 'stock-push'");
        jdbc.update("INSERT INTO scheduled_job (name, owner, started_at, blocked_until) VALUES ('stock-push',"
                + " 'other-instance', ?, ?)", utc(Instant.now()), utc(Instant.now().plus(Duration.ofMinutes(10))));

        assertThat(postErpNextWebhook(entry,
                WebhookSignatures.sign(ERPNEXT_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), entry))).isEqualTo(202);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> shopify.inventoryWrites(level.inventoryItemId(), LOCATION) == 0);

        jdbc.update("UPDATE scheduled_job SET finished_at = ? WHERE name = 'stock-push'", utc(Instant.now()));
        await().atMost(WAIT).until(() -> shopify.available(level.inventoryItemId(), LOCATION).orElse(-1) == 8);
        assertThat(jdbc.queryForObject("SELECT owner FROM scheduled_job WHERE name = 'stock-push'", String.class))
                .isEqualTo(env.app().bean(InboxDispatcher.class).instanceId());
    }

    /** Waits for the next whole second and returns it: Shopify's times have whole seconds. */
    private static Instant nextSecond() {
        Instant next = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        await().atMost(Duration.ofSeconds(2)).until(() -> !Instant.now().isBefore(next));
        return next;
    }

    /** The orders/create webhook of a Shopify sale of {@code quantity} of the level's item. */
    private static String order(Level level, int quantity, Instant createdAt) {
        return env.deliver("orders/create", saleOf(level, quantity, createdAt).toString());
    }

    /** An order that failed transiently and waits in the inbox for its next attempt, an hour away. */
    private static void orderWaitingForARetry(Level level, int quantity, Instant createdAt) {
        long orderId = NEXT_ORDER.incrementAndGet() * 10;
        Instant now = Instant.now();
        env.jdbc().update("INSERT INTO inbox_event (shop_domain, topic, webhook_id, entity_key, order_at, payload,"
                        + " status, attempts, next_attempt_at, received_at, updated_at)"
                        + " VALUES (?, 'orders/create', ?, ?, ?, ?, 'PENDING', 1, ?, ?, ?)",
                ShopifyWebhookClient.SHOP.toLowerCase(), "waiting-" + orderId, "order:" + orderId, utc(now),
                saleOf(level, quantity, createdAt, orderId).toString().getBytes(StandardCharsets.UTF_8),
                utc(now.plus(Duration.ofHours(1))), utc(now), utc(now));
    }

    private static ObjectNode saleOf(Level level, int quantity, Instant createdAt) {
        return saleOf(level, quantity, createdAt, NEXT_ORDER.incrementAndGet() * 10);
    }

    private static ObjectNode saleOf(Level level, int quantity, Instant createdAt, long orderId) {
        return TestOrder.guest(orderId, "#" + orderId, createdAt).financialStatus("pending")
                .line(orderId + 1, level.itemCode(), quantity, "10.00", "0.00").json();
    }

    private static void awaitDone(String webhookId) {
        await().atMost(WAIT).until(() -> List.of("DONE", "IGNORED", "DEAD").contains(env.status(webhookId)));
        assertThat(env.status(webhookId)).as(env.statusReason(webhookId)).isEqualTo("DONE");
    }

    /** Someone edits the quantity in the Shopify admin (Shopify sends its inventory_levels/update). */
    private static void adminSetsAvailable(Level level, int quantity) {
        new ShopifyAdminClient(shopify.adminApiUrl(), shopify.accessToken(), ShopifyAdminSettings.defaults())
                .setAvailable(List.of(new InventoryChange(level.inventoryItemId(), LOCATION, quantity, null)),
                        "admin-edit-" + level.inventoryItemId() + "-" + System.nanoTime(), "correction", null);
    }

    private static int postErpNextWebhook(byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + env.app().port() + "/webhooks/erpnext/stock"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(ErpNextStockWebhook.SIGNATURE_HEADER, signature);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** An Item mapped to a new inventory item, with ERPNext and Shopify quantities. */
    private static Level mappedItem(int actual, int reserved, int shopifyAvailable) {
        long inventoryItem = NEXT_INVENTORY_ITEM.getAndIncrement();
        String itemCode = "STOCK-" + inventoryItem;
        ErpNextSandbox erpnext = env.sandbox();
        erpnext.seedDocument("Item", new ObjectMapper().createObjectNode().put("item_code", itemCode)
                .put("item_name", itemCode).put("is_stock_item", 1)
                .put(ErpNextStock.INVENTORY_ITEM_FIELD, Long.toString(inventoryItem)));
        erpnext.setActualQty(itemCode, WAREHOUSE, BigDecimal.valueOf(actual));
        erpnext.setReservedQty(itemCode, WAREHOUSE, BigDecimal.valueOf(reserved));
        shopify.setAvailable(inventoryItem, LOCATION, shopifyAvailable);
        return new Level(itemCode, inventoryItem);
    }

    private static void push() {
        camel.sendBody("direct:stock-push-run", null);
    }

    private static int shopifyCalls() {
        return shopify.requestCount("graphql inventoryItem") + shopify.requestCount("graphql inventorySetQuantities");
    }

    private static String entityKey(Level level) {
        return "inventory:" + level.inventoryItemId() + ":" + LOCATION;
    }

    /** Waits until {@code count} inventory events of the level have been processed to the end. */
    private static void awaitEvents(Level level, int count) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(env.jdbc().queryForObject(
                "SELECT COUNT(*) FROM inbox_event WHERE entity_key = ? AND status IN ('DONE', 'IGNORED', 'DEAD')",
                Integer.class, entityKey(level))).isEqualTo(count));
        assertThat(env.jdbc().queryForObject("SELECT COUNT(*) FROM inbox_event WHERE entity_key = ?", Integer.class,
                entityKey(level))).isEqualTo(count);
    }

    /** The outcome reasons of the level's events, in arrival order. */
    private static List<String> reasons(Level level) {
        return env.jdbc().queryForList("SELECT status_reason FROM inbox_event WHERE entity_key = ? ORDER BY id",
                String.class, entityKey(level));
    }

    private static double rejected(String kind) {
        Counter counter = env.app().bean(MeterRegistry.class).find(AuthorityRules.REJECTED_METRIC).tag("kind", kind)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static double counter(String name) {
        Counter counter = env.app().bean(MeterRegistry.class).find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    /** A webhook body as Shopify writes it: updated_at in whole seconds, in the shop's time zone. */
    private static byte[] levelPayload(Level level, int available, Instant updatedAt) {
        return new ObjectMapper().createObjectNode().put("inventory_item_id", level.inventoryItemId())
                .put("location_id", LOCATION).put("available", available)
                .put("updated_at", ShopifySandbox.shopTime(updatedAt))
                .toString().getBytes(StandardCharsets.UTF_8);
    }
}
