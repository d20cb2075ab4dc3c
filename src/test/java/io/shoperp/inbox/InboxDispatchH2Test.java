package io.shoperp.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.support.SandboxedApp;
import io.shoperp.support.ShopifyWebhookClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dispatcher on the default database (H2): claims with SKIP LOCKED, routes on the topic, records outcomes. */
class InboxDispatchH2Test {

    static SandboxedApp env;

    @BeforeAll
    static void start() {
        env = SandboxedApp.start("jdbc:h2:mem:dispatch-h2;MODE=MySQL;DB_CLOSE_DELAY=-1",
                Map.of("spring.datasource.username", "sa"));
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void aTopicNothingIsMappedToEndsIgnoredWithTheReason() {
        String webhookId = env.deliver("collections/create", "{\"id\":77}");

        await().atMost(Duration.ofSeconds(10)).until(() -> env.status(webhookId).equals("IGNORED"));

        assertThat(env.statusReason(webhookId)).isEqualTo("no route for topic collections/create");
        // Counted just after the outcome is committed.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(env.app().bean(MeterRegistry.class)
                .find("inbox.outcomes").tag("topic", "collections/create").tag("outcome", "ignored").counters())
                .singleElement().satisfies(counter -> assertThat(counter.count()).isEqualTo(1)));
    }

    @Test
    void anUninstallIsRecordedWithWhatTheOperatorIsToDo() {
        String webhookId = env.deliver("app/uninstalled", "{\"id\":548380009,\"name\":\"Super Toys\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> env.status(webhookId).equals("IGNORED"));

        assertThat(env.statusReason(webhookId)).startsWith("app uninstalled from " + ShopifyWebhookClient.SHOP)
                .contains("remove the shop's admin-api settings");
    }

    @Test
    void aDataRequestIsRecordedWithWhereTheBridgeHoldsTheCustomersData() {
        String customer = env.deliver("customers/create", "{\"id\":5150,\"email\":\"d@example.com\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> env.status(customer).equals("DONE"));

        String request = env.deliver("customers/data_request", """
                {"shop_id":1,"shop_domain":"%s","orders_requested":[5151],"customer":{"id":5150,\
                "email":"d@example.com"},"data_request":{"id":9999}}""".formatted(ShopifyWebhookClient.SHOP));

        await().atMost(Duration.ofSeconds(10)).until(() -> env.status(request).equals("DONE"));
        assertThat(env.statusReason(request)).isEqualTo("data request 9999 for customer 5150 and 1 order(s): 1 stored"
                + " event(s) hold their data (admin API entityKey customer:5150, order:5151); the merchant answers"
                + " from Shopify and ERPNext");
    }

    @Test
    void publishesInboxGaugesAndOutcomeCounters() throws Exception {
        String webhookId = env.deliver("collections/update", "{\"id\":78}");
        await().atMost(Duration.ofSeconds(10)).until(() -> env.status(webhookId).equals("IGNORED"));

        MeterRegistry meters = env.app().bean(MeterRegistry.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                meters.get("inbox.events").tag("status", "IGNORED").gauge().value()).isGreaterThanOrEqualTo(1));
        assertThat(meters.get("inbox.events").tag("status", "DEAD").gauge().value()).isZero();
        assertThat(meters.get("inbox.oldest.pending.age").gauge().value()).isZero();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(meters.find("inbox.outcomes")
                .tag("topic", "collections/update").tag("outcome", "ignored").counters())
                .singleElement().satisfies(counter -> assertThat(counter.count()).isEqualTo(1)));
    }

}
