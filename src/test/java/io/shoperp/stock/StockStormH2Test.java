package io.shoperp.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoperp.shopify.InventoryChange;
import io.shoperp.shopify.ShopifyAdminClient;
import io.shoperp.shopify.ShopifyAdminSettings;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import io.shoperp.support.Closing;
import io.shoperp.support.ProcessingSettings;
import io.shoperp.support.SandboxedApp;
import io.shoperp.support.ShopifyWebhookClient;
import io.shoperp.support.TestOrder;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Merchant changes, sales and pushes interleaved at random over a few hundred levels, through the application's real
 * routes, the ERPNext sandbox (stock authority) and the Shopify sandbox (whole-second webhook times). After every
 * push Shopify offers no level above what ERPNext can cover, counting the sales whose orders have not reached ERPNext
 * yet; in the end every level equals ERPNext's actual minus reserved, and a further push writes nothing.
 */
class StockStormH2Test {

    private static final long LOCATION = 66_000_000_501L;
    private static final String WAREHOUSE = "Stores - SC";
    private static final int LEVELS = 200;
    private static final int ROUNDS = 6;
    private static final long FIRST_INVENTORY_ITEM = 45_000_000_001L;
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ShopifySandbox shopify;
    private static SandboxedApp env;
    private static ProducerTemplate camel;

    private final Random random = new Random(20261203);
    private final List<String> deliveredOrders = new ArrayList<>();
    /** Sales made in Shopify whose order has not been sent to the app yet: in flight. */
    private final List<Sale> inFlight = new ArrayList<>();
    private long nextOrder = 700_000_000L;
    private int sales;

    private record Sale(int level, int quantity, Instant at) {
    }

    @BeforeAll
    static void start() {
        shopify = new ShopifySandbox().start();
        env = SandboxedApp.start("jdbc:h2:mem:stock-storm;MODE=MySQL;DB_CLOSE_DELAY=-1", Map.of(
                "shopify.shops[0].admin-api-url", shopify.adminApiUrl(),
                "shopify.shops[0].admin-api-token", shopify.accessToken(),
                "erpnext.warehouses." + LOCATION, WAREHOUSE,
                "stock.push-interval", "1h",
                "stock.unexplained-drop-grace", GRACE.toMillis() + "ms",
                "reconcile.enabled", "false",
                "processing.concurrency", "8"));
        shopify.echoInventoryTo("http://127.0.0.1:" + env.app().port() + "/webhooks/shopify",
                ShopifyWebhookClient.SHOP, ShopifyWebhookClient.SECRET);
        camel = env.app().bean(CamelContext.class).createProducerTemplate();
        ProcessingSettings.seedGuestCustomer(env.sandbox());
        for (int level = 0; level < LEVELS; level++) {
            String item = itemCode(level);
            env.sandbox().seedDocument("Item", new ObjectMapper().createObjectNode().put("item_code", item)
                    .put("item_name", item).put("item_group", "Products").put("stock_uom", "Nos").put("is_stock_item", 1)
                    .put(ErpNextStock.INVENTORY_ITEM_FIELD, Long.toString(FIRST_INVENTORY_ITEM + level)));
            env.sandbox().setActualQty(item, WAREHOUSE, BigDecimal.valueOf(20 + level % 11));
            shopify.setAvailable(FIRST_INVENTORY_ITEM + level, LOCATION, 0);
        }
    }

    @AfterAll
    static void stop() {
        Closing.all(env, shopify);
    }

    @Test
    void everyLevelEndsAtErpNextsFigureAndShopifyNeverOffersMoreThanItCovers() {
        pushAndSettle();
        assertNothingOffersMoreThanErpNextCovers("first push");

        for (int round = 1; round <= ROUNDS; round++) {
            List<Sale> arriving = new ArrayList<>(inFlight);
            inFlight.clear();
            for (int action = 0; action < 40; action++) {
                int level = random.nextInt(LEVELS);
                switch (random.nextInt(3)) {
                    case 0 -> merchantSets(level, random.nextInt(40));
                    case 1 -> sell(level, 1 + random.nextInt(2));
                    default -> {
                        if (random.nextBoolean() && !arriving.isEmpty()) {
                            deliver(arriving.remove(arriving.size() - 1));
                        }
                    }
                }
            }
            arriving.forEach(this::deliver);
            pushAndSettle();
            assertNothingOffersMoreThanErpNextCovers("round " + round);
        }

        new ArrayList<>(inFlight).forEach(this::deliver);
        inFlight.clear();
        awaitInbox();
        // Merchant decreases are held back as possible sales for the grace, then reverted.
        await().pollDelay(GRACE.plusMillis(200)).atMost(GRACE.plusSeconds(1)).until(() -> true);
        pushAndSettle();
        pushAndSettle();
        int writes = totalWrites();
        pushAndSettle();

        assertThat(sales).as("the storm sold something").isGreaterThan(50);
        for (int level = 0; level < LEVELS; level++) {
            assertThat(shopify.available(FIRST_INVENTORY_ITEM + level, LOCATION)).as(itemCode(level))
                    .hasValue(erpnextAvailable(level));
        }
        assertThat(totalWrites()).as("no write loop").isEqualTo(writes);
    }

    private void merchantSets(int level, int quantity) {
        new ShopifyAdminClient(shopify.adminApiUrl(), shopify.accessToken(), ShopifyAdminSettings.defaults())
                .setAvailable(List.of(new InventoryChange(FIRST_INVENTORY_ITEM + level, LOCATION, quantity, null)),
                        "merchant-" + level + "-" + System.nanoTime(), "correction", null);
    }

    /** A customer buys in Shopify; the order reaches the app during the next round, out of order with other events. */
    private void sell(int level, int quantity) {
        if (shopify.available(FIRST_INVENTORY_ITEM + level, LOCATION).orElse(0) < quantity) {
            return;
        }
        shopify.simulateSale(FIRST_INVENTORY_ITEM + level, LOCATION, quantity);
        inFlight.add(new Sale(level, quantity, Instant.now()));
        sales++;
    }

    private void deliver(Sale sale) {
        long orderId = (nextOrder += 10);
        deliveredOrders.add(env.deliver("orders/create", TestOrder.guest(orderId, "#" + orderId, sale.at())
                .financialStatus("pending").line(orderId + 1, itemCode(sale.level()), sale.quantity(), "5.00", "0.00")
                .json().toString()));
    }

    /** Every webhook Shopify sent and every order delivered is processed, then one push runs. */
    private void pushAndSettle() {
        awaitInbox();
        camel.sendBody("direct:stock-push-run", null);
        awaitInbox();
    }

    private void awaitInbox() {
        await().atMost(WAIT).until(() -> env.jdbc().queryForObject("SELECT COUNT(*) FROM inbox_event"
                + " WHERE status NOT IN ('DONE', 'IGNORED', 'DEAD')", Integer.class) == 0
                && shopify.pendingEchoes() == 0);
        assertThat(env.jdbc().queryForObject("SELECT COUNT(*) FROM inbox_event WHERE status = 'DEAD'", Integer.class))
                .as("nothing DEAD").isZero();
    }

    private void assertNothingOffersMoreThanErpNextCovers(String when) {
        Map<Integer, Integer> unrecorded = new HashMap<>();
        inFlight.forEach(sale -> unrecorded.merge(sale.level(), sale.quantity(), Integer::sum));
        for (int level = 0; level < LEVELS; level++) {
            int covered = Math.max(0, erpnextAvailable(level) - unrecorded.getOrDefault(level, 0));
            assertThat(shopify.available(FIRST_INVENTORY_ITEM + level, LOCATION).orElseThrow())
                    .as("%s: %s offers no more than ERPNext covers", when, itemCode(level)).isLessThanOrEqualTo(covered);
        }
    }

    private static int erpnextAvailable(int level) {
        String item = itemCode(level);
        return Math.max(0, env.sandbox().actualQty(item, WAREHOUSE).subtract(env.sandbox().reservedQty(item, WAREHOUSE))
                .intValue());
    }

    private static int totalWrites() {
        int writes = 0;
        for (int level = 0; level < LEVELS; level++) {
            writes += shopify.inventoryWrites(FIRST_INVENTORY_ITEM + level, LOCATION);
        }
        return writes;
    }

    private static String itemCode(int level) {
        return "STORM-" + level;
    }
}
