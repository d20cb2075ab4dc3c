package io.shoperp.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import io.shoperp.shopify.sandbox.ShopifySandbox.WebhookSubscription;
import io.shoperp.support.Closing;
import io.shoperp.support.AppInstance;
import io.shoperp.support.ShopifyWebhookClient;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Webhook registration against the Shopify sandbox by two instances of a deployment sharing one database, as they
 * start: one of them runs the job, the other's timer finds it done. The shop had subscriptions before: an old path
 * of this bridge, another host's, and one of a topic the bridge does not route on the bridge's host. A second shop
 * has register-webhooks off. The tests run in order: the second run sees what the first left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookRegistrationH2Test {

    private static final String DB = "jdbc:h2:mem:webhook-registration;MODE=MySQL;DB_CLOSE_DELAY=-1";
    private static final String OURS = "https://bridge.example.com/webhooks/shopify";
    private static final String OLD_PATH = "https://bridge.example.com:8443/shopify/webhooks";
    private static final String FOREIGN = "https://other-app.example.net/webhooks/shopify";
    private static final String UNROUTED_ON_OUR_HOST = "https://bridge.example.com/carts";
    private static final String SECOND_SHOP = "second-shop.myshopify.com";
    /** The job's timer fires this long after start (routes/webhook-subscriptions.yaml), plus a margin. */
    private static final Duration TIMER_DELAY = Duration.ofSeconds(7);

    private static ShopifySandbox shopify;
    private static ShopifySandbox secondShop;
    private static AppInstance first;
    private static AppInstance second;
    private static long oldPathId;
    private static long foreignId;
    private static long unroutedId;
    private static List<String> topics;

    @BeforeAll
    static void start() {
        shopify = new ShopifySandbox().start();
        secondShop = new ShopifySandbox().start();
        oldPathId = shopify.putWebhookSubscription("ORDERS_UPDATED", OLD_PATH);
        foreignId = shopify.putWebhookSubscription("ORDERS_CREATE", FOREIGN);
        unroutedId = shopify.putWebhookSubscription("CARTS_CREATE", UNROUTED_ON_OUR_HOST);
        first = AppInstance.start(DB, settings());
        second = AppInstance.start(DB, settings());
        topics = first.bean(WebhookRegistration.class).subscribedTopics();
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        // A trailing slash is how operators often write it; the address has none doubled.
        settings.put("bridge.public-url", "https://bridge.example.com/");
        settings.put("shopify.shops[0].admin-api-url", shopify.adminApiUrl());
        settings.put("shopify.shops[0].admin-api-token", shopify.accessToken());
        settings.put("shopify.shops[1].domain", SECOND_SHOP);
        settings.put("shopify.shops[1].webhook-secrets[0]", ShopifyWebhookClient.SECRET);
        settings.put("shopify.shops[1].admin-api-url", secondShop.adminApiUrl());
        settings.put("shopify.shops[1].admin-api-token", secondShop.accessToken());
        settings.put("shopify.shops[1].register-webhooks", "false");
        settings.put("processing.enabled", "false");
        settings.put("reconcile.enabled", "false");
        settings.put("stock.push-enabled", "false");
        return settings;
    }

    @AfterAll
    static void stop() {
        Closing.all(second, first, secondShop, shopify);
    }

    @Test
    @Order(1)
    void subscribesEveryRoutedTopicButTheComplianceOnes() {
        assertThat(topics).contains("ORDERS_CREATE", "ORDERS_UPDATED", "REFUNDS_CREATE", "ORDER_TRANSACTIONS_CREATE",
                "INVENTORY_LEVELS_UPDATE", "PRODUCTS_UPDATE", "CUSTOMERS_UPDATE", "APP_UNINSTALLED");
        assertThat(topics).doesNotContain("CUSTOMERS_REDACT", "CUSTOMERS_DATA_REQUEST", "SHOP_REDACT");
    }

    @Test
    @Order(2)
    void twoInstancesCreateTheMissingOnesOnceRepairAnOldPathAndLeaveOtherAddressesAlone() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> shopify.requestCount("graphql webhookSubscriptionCreate") >= topics.size() - 1);
        // Both timers have fired by now: the second instance's found the job done.
        await().pollDelay(TIMER_DELAY).until(() -> true);

        List<WebhookSubscription> subscriptions = shopify.webhookSubscriptions();
        for (String topic : topics) {
            assertThat(subscriptions).as(topic).filteredOn(s -> s.topic().equals(topic) && s.uri().equals(OURS))
                    .hasSize(1);
        }
        assertThat(subscriptions).contains(new WebhookSubscription(oldPathId, "ORDERS_UPDATED", OURS),
                new WebhookSubscription(foreignId, "ORDERS_CREATE", FOREIGN),
                new WebhookSubscription(unroutedId, "CARTS_CREATE", UNROUTED_ON_OUR_HOST));
        // Every topic once at our address, plus the foreign and the unrouted one.
        assertThat(subscriptions).hasSize(topics.size() + 2);
        assertThat(shopify.requestCount("graphql webhookSubscriptions")).isEqualTo(1);
        assertThat(shopify.requestCount("graphql webhookSubscriptionCreate")).isEqualTo(topics.size() - 1);
        assertThat(shopify.requestCount("graphql webhookSubscriptionUpdate")).isEqualTo(1);
        assertThat(secondShop.requestCount("graphql webhookSubscriptions")).isZero();
        assertThat(secondShop.webhookSubscriptions()).isEmpty();
        assertThat(gauge("created")).isEqualTo(topics.size() - 1);
        assertThat(gauge("repaired")).isEqualTo(1);
        assertThat(gauge("present")).isZero();
        assertThat(gauge("failed")).isZero();
    }

    @Test
    @Order(3)
    void aSecondRunFindsEverythingPresentAndWritesNothing() {
        first.bean(CamelContext.class).createProducerTemplate().sendBody("direct:webhook-subscriptions-run", null);

        assertThat(shopify.requestCount("graphql webhookSubscriptions")).isEqualTo(2);
        assertThat(shopify.requestCount("graphql webhookSubscriptionCreate")).isEqualTo(topics.size() - 1);
        assertThat(shopify.requestCount("graphql webhookSubscriptionUpdate")).isEqualTo(1);
        assertThat(shopify.webhookSubscriptions()).hasSize(topics.size() + 2);
        assertThat(gauge(first, "present")).isEqualTo(topics.size());
        assertThat(gauge(first, "created")).isZero();
        assertThat(gauge(first, "repaired")).isZero();
    }

    @Test
    @Order(4)
    void aRunShopifyDoesNotAnswerCountsEveryTopicFailedAndTheNextOneRecovers() {
        ProducerTemplate camel = first.bean(CamelContext.class).createProducerTemplate();
        shopify.failNext(1, 503);

        camel.sendBody("direct:webhook-subscriptions-run", null);

        assertThat(gauge(first, "failed")).isEqualTo(topics.size());
        assertThat(gauge(first, "present")).isZero();

        camel.sendBody("direct:webhook-subscriptions-run", null);

        assertThat(gauge(first, "failed")).isZero();
        assertThat(gauge(first, "present")).isEqualTo(topics.size());
        assertThat(shopify.requestCount("graphql webhookSubscriptionCreate")).isEqualTo(topics.size() - 1);
    }

    /** The last run's count in whichever instance ran it (the other has no such gauge yet). */
    private static double gauge(String state) {
        return gauge(first, state) + gauge(second, state);
    }

    private static double gauge(AppInstance instance, String state) {
        Gauge gauge = instance.bean(MeterRegistry.class).find(WebhookRegistration.METER)
                .tags("shop", ShopifyWebhookClient.SHOP.toLowerCase(), "state", state).gauge();
        return gauge == null ? 0 : gauge.value();
    }
}
