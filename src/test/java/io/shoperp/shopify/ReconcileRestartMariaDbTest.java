package io.shoperp.shopify;

import static io.shoperp.shopify.ReconcileTestOrders.status;
import static io.shoperp.shopify.ReconcileTestOrders.watermark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.shoperp.shopify.ReconcileTestOrders.Version;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import io.shoperp.support.MariaDbServer;
import io.shoperp.support.SandboxedApp;
import io.shoperp.support.ShopifyWebhookClient;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

/** The watermark is in the database: a new instance on the same schema continues where the last one stopped. */
class ReconcileRestartMariaDbTest {

    private static final String SHOP = ShopifyWebhookClient.SHOP;
    private static final Duration OVERLAP = Duration.ofMinutes(10);

    @Test
    void aRestartedInstanceReadsFromTheStoredWatermarkOnItsOwnSchedule() {
        String jdbcUrl = MariaDbServer.get().createSchema("reconcile_restart_test");
        ReconcileTestOrders orders = new ReconcileTestOrders();
        try (ShopifySandbox shopify = new ShopifySandbox().start();
             ReconcileAdminApiProxy adminApi = new ReconcileAdminApiProxy(shopify)) {
            Map<String, String> adminApiSettings = Map.of(
                    "shopify.shops[0].admin-api-url", adminApi.url(),
                    "shopify.shops[0].admin-api-token", shopify.accessToken());
            Version before = orders.newOrderIn(shopify);
            try (SandboxedApp first = SandboxedApp.start(jdbcUrl, with(adminApiSettings, "reconcile.enabled", "false"))) {
                first.app().bean(ProducerTemplate.class).sendBody("direct:orders-reconcile-shop", SHOP);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(status(first.jdbc(), before.syntheticWebhookId())).contains("DONE"));
            }
            Version whileDown = orders.newOrderIn(shopify);
            int listingsBefore = adminApi.ordersFilters().size();

            try (SandboxedApp second = SandboxedApp.start(jdbcUrl, with(adminApiSettings,
                    "reconcile.initial-delay", "100ms", "reconcile.interval", "1h"))) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(status(second.jdbc(), whileDown.syntheticWebhookId())).contains("DONE"));

                List<String> filters = adminApi.ordersFilters();
                Instant resumedFrom = before.updatedAt().minus(OVERLAP);
                assertThat(filters.subList(listingsBefore, filters.size()))
                        .first().isEqualTo("updated_at:>'" + resumedFrom + "'");
                assertThat(watermark(second.jdbc(), SHOP)).contains(whileDown.updatedAt());
                assertThat(second.sandbox().documents("Sales Order"))
                        .extracting(doc -> doc.path("shopify_order_id").asText())
                        .containsExactly(String.valueOf(whileDown.id()));
            }
        }
    }

    private static Map<String, String> with(Map<String, String> settings, String... keysAndValues) {
        Map<String, String> all = new HashMap<>(settings);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            all.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return all;
    }
}
