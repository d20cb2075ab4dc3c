package io.shoperp.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shoperp.ingest.ShopifyProperties;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * Every HTTP call to a shop's Admin API is one sample of shopify.admin.requests{shop,operation,method,status}:
 * throttled, refused and unanswered calls included.
 */
class ShopifyAdminClientMetricsTest {

    private static final String SHOP = "metrics-shop.myshopify.com";
    private static final Instant WATERMARK = Instant.parse("2026-11-28T00:00:00Z");
    private static final long ORDER = 820982911946154508L;
    private static final long ITEM = 49148385;
    private static final long LOCATION = 655441491;

    private final ShopifySandbox sandbox = new ShopifySandbox().start();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ShopifyAdminClient client = new ShopifyAdminClient(SHOP, sandbox.adminApiUrl(),
            sandbox.accessToken(), settings(), meters);

    @AfterEach
    void stopSandbox() {
        sandbox.stop();
    }

    @Test
    void eachOperationIsTimedByItsGraphQlRootFieldOrRestResource() {
        sandbox.putOrder(ORDER, WATERMARK.plusSeconds(60)).setAvailable(ITEM, LOCATION, 10);

        assertThat(client.ordersUpdatedSince(WATERMARK, null, 50).orders()).hasSize(1);
        assertThat(client.orderJson(ORDER)).isPresent();
        assertThat(client.orderJson(1L)).isEmpty();
        assertThat(client.setAvailable(List.of(new InventoryChange(ITEM, LOCATION, 7, 10)), "push-1", "correction",
                null).isApplied()).isTrue();
        assertThat(client.available(ITEM, LOCATION)).isEqualTo(7);

        assertThat(timer(SHOP, "orders", "POST", "200").count()).isEqualTo(1);
        assertThat(timer(SHOP, "order", "GET", "200").count()).isEqualTo(1);
        assertThat(timer(SHOP, "order", "GET", "404").count()).isEqualTo(1);
        assertThat(timer(SHOP, "inventorySetQuantities", "POST", "200").count()).isEqualTo(1);
        assertThat(timer(SHOP, "inventoryItem", "POST", "200").count()).isEqualTo(1);
        assertThat(timer(SHOP, "inventoryItem", "POST", "200").totalTime(TimeUnit.NANOSECONDS)).isPositive();
        // The sandbox counts the same calls by the same names.
        assertThat(sandbox.requestCount("graphql inventorySetQuantities")).isEqualTo(1);
        assertThat(sandbox.requestCount("rest order")).isEqualTo(2);
        assertThat(meters.get(ShopifyAdminClient.REQUESTS_METER).timers()).hasSize(5)
                .allSatisfy(timer -> assertThat(timer.getId().getTags()).extracting(Tag::getKey)
                        .containsExactly("method", "operation", "shop", "status"));
    }

    @Test
    void errorAnswersAndThrottledAttemptsAreTimedWithTheirStatus() {
        sandbox.putOrder(ORDER, WATERMARK.plusSeconds(60)).setAvailable(ITEM, LOCATION, 10);
        sandbox.failNext(1, 503);
        assertThatThrownBy(() -> client.available(ITEM, LOCATION)).isExactlyInstanceOf(ShopifyTransientException.class);
        sandbox.rateLimitNext(1, Duration.ofMillis(30));
        assertThat(client.orderJson(ORDER)).isPresent();
        ShopifyAdminClient wrongToken = new ShopifyAdminClient(SHOP, sandbox.adminApiUrl(), "shpat_wrong", settings(),
                meters);
        assertThatThrownBy(() -> wrongToken.ordersUpdatedSince(WATERMARK, null, 10))
                .isInstanceOf(ShopifyPermanentException.class);

        assertThat(timer(SHOP, "inventoryItem", "POST", "503").count()).isEqualTo(1);
        assertThat(timer(SHOP, "order", "GET", "429").count()).isEqualTo(1);
        assertThat(timer(SHOP, "order", "GET", "200").count()).isEqualTo(1);
        assertThat(timer(SHOP, "orders", "POST", "401").count()).isEqualTo(1);
    }

    @Test
    void anUnreachableShopIsTimedWithStatusNone() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ShopifyAdminClient unreachable = new ShopifyAdminClient(SHOP, "http://127.0.0.1:" + closedPort,
                ShopifySandbox.DEFAULT_ACCESS_TOKEN, settings(), meters);

        assertThatThrownBy(() -> unreachable.available(ITEM, LOCATION)).isExactlyInstanceOf(ShopifyTransientException.class);

        assertThat(timer(SHOP, "inventoryItem", "POST", ShopifyAdminClient.NO_STATUS).count()).isEqualTo(1);
    }

    @Test
    void withoutAShopTheTagIsTheAdminApiHost() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        sandbox.setAvailable(ITEM, LOCATION, 3);

        new ShopifyAdminClient(null, sandbox.adminApiUrl(), sandbox.accessToken(), settings(), own)
                .available(ITEM, LOCATION);
        // The three-argument constructor keeps working, timing into a registry of its own.
        assertThat(new ShopifyAdminClient(sandbox.adminApiUrl(), sandbox.accessToken(), settings())
                .available(ITEM, LOCATION)).isEqualTo(3);

        assertThat(own.get(ShopifyAdminClient.REQUESTS_METER).tag("shop", "127.0.0.1").tag("operation", "inventoryItem")
                .timer().count()).isEqualTo(1);
        assertThat(meters.find(ShopifyAdminClient.REQUESTS_METER).timers()).isEmpty();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ShopifyProperties.class)
    static class Properties {
    }

    @Test
    void theApplicationsClientsTimeIntoItsRegistryTaggedWithTheNormalisedDomain() {
        sandbox.setAvailable(ITEM, LOCATION, 4);
        new ApplicationContextRunner()
                .withUserConfiguration(Properties.class, ShopifyAdminClients.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues(
                        "shopify.admin-api-version=" + ShopifySandbox.API_VERSION,
                        "shopify.shops[0].domain=Metrics-Shop.MyShopify.com",
                        "shopify.shops[0].webhook-secrets[0]=s",
                        "shopify.shops[0].admin-api-url=" + sandbox.adminApiUrl(),
                        "shopify.shops[0].admin-api-token=" + sandbox.accessToken())
                .run(app -> {
                    assertThat(app.getBean(ShopifyAdminClients.class).forShop(SHOP).orElseThrow()
                            .available(ITEM, LOCATION)).isEqualTo(4);

                    assertThat(app.getBean(MeterRegistry.class).get(ShopifyAdminClient.REQUESTS_METER)
                            .tag("shop", SHOP).tag("operation", "inventoryItem").tag("method", "POST")
                            .tag("status", "200").timer().count()).isEqualTo(1);
                });
    }

    private Timer timer(String shop, String operation, String method, String status) {
        return meters.get(ShopifyAdminClient.REQUESTS_METER)
                .tag("shop", shop).tag("operation", operation).tag("method", method).tag("status", status).timer();
    }

    private static ShopifyAdminSettings settings() {
        return new ShopifyAdminSettings(ShopifySandbox.API_VERSION, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(1), 2);
    }
}
