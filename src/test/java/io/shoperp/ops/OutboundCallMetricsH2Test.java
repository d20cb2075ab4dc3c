package io.shoperp.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import io.shoperp.shopify.ShopifyAdminClient;
import io.shoperp.shopify.ShopifyAdminClients;
import io.shoperp.shopify.ShopifyTransientException;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import io.shoperp.support.SandboxedApp;
import io.shoperp.support.ShopifyWebhookClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The application's calls to ERPNext and to Shopify's Admin API show up on /actuator/prometheus as timers. */
class OutboundCallMetricsH2Test {

    private static final long ITEM = 49148385;
    private static final long LOCATION = 655441491;

    static ShopifySandbox shopify;
    static SandboxedApp env;

    @BeforeAll
    static void start() {
        shopify = new ShopifySandbox().start();
        env = SandboxedApp.start("jdbc:h2:mem:outbound-metrics;MODE=MySQL;DB_CLOSE_DELAY=-1", Map.of(
                "spring.datasource.username", "sa",
                "shopify.shops[0].admin-api-url", shopify.adminApiUrl(),
                "shopify.shops[0].admin-api-token", shopify.accessToken(),
                "shopify.admin-api-throttle-retries", "0",
                "stock.push-interval", "1h",
                "reconcile.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        try {
            if (env != null) {
                env.close();
            }
        } finally {
            shopify.close();
        }
    }

    @Test
    void erpNextAndShopifyAdminCallsAreTimedOnThePrometheusEndpoint() {
        String customer = env.deliver("customers/create", "{\"id\":6160,\"email\":\"m@example.com\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> env.status(customer).equals("DONE"));
        ShopifyAdminClient admin = env.app().bean(ShopifyAdminClients.class).forShop(ShopifyWebhookClient.SHOP)
                .orElseThrow();
        shopify.setAvailable(ITEM, LOCATION, 5);
        assertThat(admin.available(ITEM, LOCATION)).isEqualTo(5);
        shopify.failNext(1, 503);
        assertThatThrownBy(() -> admin.available(ITEM, LOCATION)).isInstanceOf(ShopifyTransientException.class);

        String shop = ShopifyWebhookClient.SHOP.toLowerCase(Locale.ROOT);
        String scrape = scrape();
        assertThat(scrape)
                .containsPattern("erpnext_requests_seconds_count\\{doctype=\"Customer\",method=\"POST\",status=\"200\"} [1-9]")
                .containsPattern("erpnext_requests_seconds_sum\\{doctype=\"Customer\",method=\"POST\",status=\"200\"} [0-9]")
                .containsPattern("shopify_admin_requests_seconds_count\\{method=\"POST\",operation=\"inventoryItem\","
                        + "shop=\"" + shop + "\",status=\"200\"} 1")
                .containsPattern("shopify_admin_requests_seconds_count\\{method=\"POST\",operation=\"inventoryItem\","
                        + "shop=\"" + shop + "\",status=\"503\"} 1");
    }

    private static String scrape() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + env.app().port() + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (Exception e) {
            throw new AssertionError("cannot scrape /actuator/prometheus", e);
        }
    }
}
