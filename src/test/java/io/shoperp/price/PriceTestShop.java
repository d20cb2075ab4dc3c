package io.shoperp.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.authority.AuthorityRules;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.ErpNextProperties;
import io.shoperp.ingest.WebhookSignatures;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import io.shoperp.stock.ErpNextStockWebhook;
import io.shoperp.support.ProcessingSettings;
import io.shoperp.support.SandboxedApp;
import io.shoperp.support.ShopifyWebhookClient;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * The application with an ERPNext sandbox and a Shopify sandbox whose products/update webhooks (the echoes of price
 * writes and merchants' edits) go to the app: what both price tests share. Each test uses variants of its own.
 */
final class PriceTestShop implements AutoCloseable {

    static final String PRICE_LIST = "Standard Selling";
    static final String ERPNEXT_WEBHOOK_SECRET = "erpnext-webhook-secret";
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicLong NEXT_ID = new AtomicLong(77_000_000_001L);

    final ShopifySandbox shopify;
    final SandboxedApp env;
    /** ERPNext's own users, editing an Item Price through its REST API. */
    final ErpNextClient erpnextUser;
    private final ProducerTemplate camel;

    /** A Shopify variant, its ERPNext Item (code = SKU) and product. */
    record Variant(long productId, long variantId, String itemCode) {
    }

    PriceTestShop(String name, Map<String, String> settings) {
        shopify = new ShopifySandbox().start();
        Map<String, String> all = new HashMap<>(Map.of(
                "shopify.shops[0].admin-api-url", shopify.adminApiUrl(),
                "shopify.shops[0].admin-api-token", shopify.accessToken(),
                "shopify.admin-api-throttle-retries", "0",
                "stock.push-interval", "1h",
                "reconcile.enabled", "false",
                "erpnext.webhook-secret", ERPNEXT_WEBHOOK_SECRET));
        all.putAll(settings);
        env = SandboxedApp.start("jdbc:h2:mem:" + name + ";MODE=MySQL;DB_CLOSE_DELAY=-1", all);
        shopify.echoProductsTo("http://127.0.0.1:" + env.app().port() + "/webhooks/shopify", ShopifyWebhookClient.SHOP,
                ShopifyWebhookClient.SECRET);
        camel = env.app().bean(CamelContext.class).createProducerTemplate();
        ProcessingSettings.seedGuestCustomer(env.sandbox());
        erpnextUser = new ErpNextClient(new ErpNextProperties(env.sandbox().baseUrl(), env.sandbox().apiKey(),
                env.sandbox().apiSecret(), Duration.ofMillis(500), Duration.ofSeconds(2), false,
                new ErpNextProperties.CircuitBreaker(50, 4, 4, Duration.ofSeconds(30), 1, null)));
    }

    /** A variant in Shopify at {@code shopifyPrice}; no Item in ERPNext yet. */
    Variant shopifyVariant(String shopifyPrice) {
        long id = NEXT_ID.getAndIncrement();
        Variant variant = new Variant(id + 1_000_000, id, "PRICE-" + id);
        shopify.putVariant(variant.productId(), variant.variantId(), variant.itemCode(), id + 2_000_000, shopifyPrice);
        return variant;
    }

    /** A variant in Shopify at {@code shopifyPrice}, its Item in ERPNext priced {@code erpnextPrice} in the list. */
    Variant mappedVariant(String erpnextPrice, String shopifyPrice) {
        Variant variant = shopifyVariant(shopifyPrice);
        env.sandbox().seedDocument("Item", ErpNextClient.objectMapper().createObjectNode()
                .put("item_code", variant.itemCode()).put("item_name", "Product " + variant.productId())
                .put("item_group", "Products").put("stock_uom", "Nos").put("is_stock_item", 1)
                .put("shopify_variant_id", Long.toString(variant.variantId())));
        erpnextUser.insert("Item Price", ErpNextClient.objectMapper().createObjectNode()
                .put("item_code", variant.itemCode()).put("price_list", PRICE_LIST)
                .put("price_list_rate", new BigDecimal(erpnextPrice)));
        return variant;
    }

    /** The Item Prices of the item in the list, as ERPNext holds them. */
    List<ObjectNode> itemPrices(Variant variant) {
        return env.sandbox().documents("Item Price").stream()
                .filter(price -> price.path("item_code").asText().equals(variant.itemCode())
                        && price.path("price_list").asText().equals(PRICE_LIST))
                .toList();
    }

    BigDecimal erpnextPrice(Variant variant) {
        assertThat(itemPrices(variant)).hasSize(1);
        return itemPrices(variant).get(0).path("price_list_rate").decimalValue();
    }

    /** Someone edits the Item Price in ERPNext. */
    void erpnextUserSetsPrice(Variant variant, String price) {
        String name = itemPrices(variant).get(0).path("name").asText();
        erpnextUser.update("Item Price", name, ErpNextClient.objectMapper().createObjectNode()
                .put("price_list_rate", new BigDecimal(price)));
    }

    BigDecimal shopifyPrice(Variant variant) {
        return shopify.variantPrice(variant.variantId()).orElseThrow();
    }

    void push() {
        camel.sendBody("direct:price-push-run", null);
    }

    /** Delivers products/update with the product as Shopify holds it now; returns the webhook id. */
    String deliverProductUpdate(Variant variant) {
        return env.deliver("products/update", new String(shopify.productJson(variant.productId()),
                StandardCharsets.UTF_8));
    }

    /** Waits until {@code count} events of the product have been processed to the end. */
    void awaitEvents(Variant variant, int count) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(env.jdbc().queryForObject(
                "SELECT COUNT(*) FROM inbox_event WHERE entity_key = ? AND status IN ('DONE', 'IGNORED', 'DEAD')",
                Integer.class, entityKey(variant))).isEqualTo(count));
        assertThat(env.jdbc().queryForObject("SELECT COUNT(*) FROM inbox_event WHERE entity_key = ?", Integer.class,
                entityKey(variant))).isEqualTo(count);
    }

    /** The statuses and reasons of the product's events, in arrival order. */
    List<String> outcomes(Variant variant) {
        return env.jdbc().queryForList("SELECT CONCAT(status, ' ', status_reason) FROM inbox_event"
                + " WHERE entity_key = ? ORDER BY id", String.class, entityKey(variant));
    }

    /** authority_rejected_total{kind="price"} over every topic. */
    double rejected() {
        return env.app().bean(MeterRegistry.class).find(AuthorityRules.REJECTED_METRIC).tag("kind", "price")
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    int postErpNextPriceWebhook(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + env.app().port() + "/webhooks/erpnext/price"))
                .header("Content-Type", "application/json")
                .header(ErpNextStockWebhook.SIGNATURE_HEADER,
                        WebhookSignatures.sign(ERPNEXT_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String entityKey(Variant variant) {
        return "product:" + variant.productId();
    }

    @Override
    public void close() {
        try {
            env.close();
        } finally {
            shopify.close();
        }
    }
}
