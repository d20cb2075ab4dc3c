package io.shoperp.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import io.shoperp.support.AppInstance;
import io.shoperp.support.ProcessingSettings;
import io.shoperp.support.ShopifyWebhookClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The dispatcher on the default database (H2): claims with SKIP LOCKED, routes on the topic, records outcomes. */
class InboxDispatchH2Test {

    static ErpNextSandbox sandbox;
    static AppInstance app;
    static JdbcTemplate jdbc;
    static ShopifyWebhookClient shopify;

    @BeforeAll
    static void start() {
        sandbox = ErpNextSandbox.startSeeded();
        app = AppInstance.start("jdbc:h2:mem:dispatch-h2;MODE=MySQL;DB_CLOSE_DELAY=-1",
                ProcessingSettings.against(sandbox, Map.of("spring.datasource.username", "sa")));
        jdbc = app.bean(JdbcTemplate.class);
        shopify = new ShopifyWebhookClient(app.port());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aTopicNothingIsMappedToEndsIgnoredWithTheReason() {
        String webhookId = UUID.randomUUID().toString();
        shopify.send(shopify.delivery("collections/create", webhookId, "{\"id\":77}"));

        await().atMost(Duration.ofSeconds(10)).until(() -> status(webhookId).equals("IGNORED"));

        assertThat(jdbc.queryForObject("SELECT status_reason FROM inbox_event WHERE webhook_id = ?", String.class,
                webhookId)).isEqualTo("no route for topic collections/create");
        assertThat(app.bean(MeterRegistry.class).find("inbox.outcomes").tag("topic", "collections/create")
                .tag("outcome", "ignored").counter().count()).isEqualTo(1);
    }

    @Test
    void publishesInboxGaugesAndOutcomeCounters() throws Exception {
        String webhookId = UUID.randomUUID().toString();
        shopify.send(shopify.delivery("collections/update", webhookId, "{\"id\":78}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(webhookId).equals("IGNORED"));

        MeterRegistry meters = app.bean(MeterRegistry.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                meters.get("inbox.events").tag("status", "IGNORED").gauge().value()).isGreaterThanOrEqualTo(1));
        assertThat(meters.get("inbox.events").tag("status", "DEAD").gauge().value()).isZero();
        assertThat(meters.get("inbox.oldest.pending.age").gauge().value()).isZero();
        assertThat(meters.get("inbox.outcomes").tag("topic", "collections/update").tag("outcome", "ignored")
                .counter().count()).isEqualTo(1);
    }

    static String status(String webhookId) {
        return jdbc.queryForObject("SELECT status FROM inbox_event WHERE webhook_id = ?", String.class, webhookId);
    }
}
