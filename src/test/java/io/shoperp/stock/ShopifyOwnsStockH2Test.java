package io.shoperp.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoperp.support.SandboxedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** authority.stock=shopify: a Shopify inventory change is applied to ERPNext once, and nothing is pushed back. */
class ShopifyOwnsStockH2Test {

    private static final long LOCATION = 66_000_000_009L;
    private static final long INVENTORY_ITEM = 44_000_000_900L;
    private static final String ITEM = "STOCK-SHOPIFY-OWNED";
    private static final String WAREHOUSE = "Stores - SC";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static SandboxedApp env;

    @BeforeAll
    static void start() {
        env = SandboxedApp.start("jdbc:h2:mem:shopify-owns-stock;MODE=MySQL;DB_CLOSE_DELAY=-1", Map.of(
                "erpnext.warehouses." + LOCATION, WAREHOUSE,
                "stock.push-interval", "1h",
                "authority.stock", "shopify"));
        env.sandbox().seedDocument("Item", new ObjectMapper().createObjectNode().put("item_code", ITEM)
                .put("item_name", ITEM).put("is_stock_item", 1)
                .put(ErpNextStock.INVENTORY_ITEM_FIELD, Long.toString(INVENTORY_ITEM)));
        env.sandbox().setActualQty(ITEM, WAREHOUSE, new BigDecimal("20"));
        env.sandbox().setReservedQty(ITEM, WAREHOUSE, new BigDecimal("2"));
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void shopifyChangeBecomesOneStockReconciliationEvenWhenProcessedTwice() {
        String webhookId = env.deliver("inventory_levels/update", "{\"inventory_item_id\":" + INVENTORY_ITEM
                + ",\"location_id\":" + LOCATION + ",\"available\":7,\"updated_at\":\"2026-11-29T05:00:00-05:00\"}");
        await().atMost(WAIT).until(() -> "DONE".equals(env.status(webhookId)));

        // Shopify's available plus what ERPNext has reserved for orders it knows.
        assertThat(env.sandbox().actualQty(ITEM, WAREHOUSE)).isEqualByComparingTo("9");
        assertThat(env.sandbox().documents("Stock Reconciliation")).filteredOn(doc -> ITEM.equals(
                doc.path("items").path(0).path("item_code").asText())).singleElement()
                .satisfies(doc -> assertThat(doc.get("docstatus").asInt()).isEqualTo(1));

        // The worker dies after ERPNext committed but before the inbox recorded it: the event runs again.
        env.jdbc().update("UPDATE inbox_event SET status = 'PENDING', next_attempt_at = received_at"
                + " WHERE webhook_id = ?", webhookId);
        await().atMost(WAIT).until(() -> "DONE".equals(env.status(webhookId)));
        assertThat(env.statusReason(webhookId)).contains("is 9 already: nothing to reconcile");
        assertThat(reconciliationsOf(ITEM)).isEqualTo(1);
    }

    @Test
    void aLevelErpNextAlreadyHoldsWritesNothing() {
        String item = seedItem("STOCK-UNCHANGED", 44_000_000_901L, "5", null);

        String webhookId = deliverLevel(44_000_000_901L, 5);
        await().atMost(WAIT).until(() -> "DONE".equals(env.status(webhookId)));

        assertThat(env.statusReason(webhookId)).isEqualTo(item + " at " + WAREHOUSE + " is 5 already: nothing to reconcile");
        assertThat(reconciliationsOf(item)).isZero();
    }

    @Test
    void anItemWithoutAnyValuationIsReconciledAtZeroValuationAndTheOutcomeSaysSo() {
        String item = seedItem("STOCK-NEW-NO-COST", 44_000_000_902L, "0", null);

        String webhookId = deliverLevel(44_000_000_902L, 4);
        await().atMost(WAIT).until(() -> "DONE".equals(env.status(webhookId)));

        assertThat(env.statusReason(webhookId)).endsWith("set to 4 at zero valuation (ERPNext knows no cost for it)");
        assertThat(env.sandbox().actualQty(item, WAREHOUSE)).isEqualByComparingTo("4");
    }

    @Test
    void anItemWithAValuationKeepsIt() {
        String item = seedItem("STOCK-VALUED", 44_000_000_903L, "2", new BigDecimal("7.50"));

        String webhookId = deliverLevel(44_000_000_903L, 6);
        await().atMost(WAIT).until(() -> "DONE".equals(env.status(webhookId)));

        assertThat(env.statusReason(webhookId)).endsWith("set to 6");
        assertThat(env.sandbox().documents("Stock Reconciliation")).filteredOn(doc -> item.equals(
                doc.path("items").path(0).path("item_code").asText())).singleElement()
                .satisfies(doc -> assertThat(doc.path("items").path(0).path("valuation_rate").decimalValue())
                        .isEqualByComparingTo("7.50"));
    }

    @Test
    void aNonStockItemIsNotReconciled() {
        String item = seedItem("SERVICE-LEVEL", 44_000_000_904L, "0", null);
        env.sandbox().seedDocument("Item", env.sandbox().document("Item", item).orElseThrow().put("is_stock_item", 0));

        String webhookId = deliverLevel(44_000_000_904L, 3);
        await().atMost(WAIT).until(() -> "IGNORED".equals(env.status(webhookId)));

        assertThat(env.statusReason(webhookId)).contains("Item " + item + " is not a stock item in ERPNext");
        assertThat(reconciliationsOf(item)).isZero();
    }

    private static String seedItem(String item, long inventoryItem, String actual, BigDecimal valuation) {
        env.sandbox().seedDocument("Item", new ObjectMapper().createObjectNode().put("item_code", item)
                .put("item_name", item).put("is_stock_item", 1)
                .put(ErpNextStock.INVENTORY_ITEM_FIELD, Long.toString(inventoryItem)));
        env.sandbox().setActualQty(item, WAREHOUSE, new BigDecimal(actual));
        if (valuation != null) {
            env.sandbox().setValuationRate(item, WAREHOUSE, valuation);
        }
        return item;
    }

    private static String deliverLevel(long inventoryItem, int available) {
        return env.deliver("inventory_levels/update", "{\"inventory_item_id\":" + inventoryItem + ",\"location_id\":"
                + LOCATION + ",\"available\":" + available + ",\"updated_at\":\"2026-11-29T05:00:00-05:00\"}");
    }

    private static long reconciliationsOf(String item) {
        return env.sandbox().documents("Stock Reconciliation").stream()
                .filter(doc -> item.equals(doc.path("items").path(0).path("item_code").asText())).count();
    }

    @Test
    void inventoryItemNoItemNamesYetIsRetriedNotDropped() {
        String webhookId = env.deliver("inventory_levels/update", "{\"inventory_item_id\":44000000999,"
                + "\"location_id\":" + LOCATION + ",\"available\":3}");

        await().atMost(WAIT).untilAsserted(() -> assertThat(env.jdbc().queryForObject(
                "SELECT last_error FROM inbox_event WHERE webhook_id = ?", String.class, webhookId))
                .contains("no Item has shopify_inventory_item_id 44000000999"));
        assertThat(env.status(webhookId)).isIn("PENDING", "PROCESSING");
    }
}
