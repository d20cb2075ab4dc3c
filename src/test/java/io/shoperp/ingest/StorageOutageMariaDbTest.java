package io.shoperp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.support.AppInstance;
import io.shoperp.support.MariaDbServer;
import io.shoperp.support.ShopifyWebhookClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/** With the database down, no delivery is acknowledged: Shopify gets 503 and retries later. */
class StorageOutageMariaDbTest {

    static AppInstance app;

    @BeforeAll
    static void start() {
        app = AppInstance.start(MariaDbServer.get().createSchema("outage_test"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void answers503WhileTheDatabaseIsDownAndStoresTheRetriesOnceItIsBack() throws Exception {
        ShopifyWebhookClient shopify = new ShopifyWebhookClient(app.port());
        List<String> webhookIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            webhookIds.add(UUID.randomUUID().toString());
        }

        ListAppender<ILoggingEvent> logged = captureLogs();
        MariaDbServer.get().stop();
        List<HttpResponse<String>> duringOutage = new ArrayList<>();
        try {
            for (String webhookId : webhookIds) {
                duringOutage.add(shopify.send(shopify.delivery("orders/create", webhookId, "{\"id\":7}")));
            }
        } finally {
            MariaDbServer.get().start();
        }

        assertThat(duringOutage).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("\"outcome\":\"unavailable\"").doesNotContain("Exception");
        });
        assertThat(app.bean(MeterRegistry.class).find("shopify.webhooks.received").tag("outcome", "unavailable")
                .counter().count()).isEqualTo(webhookIds.size());

        // Shopify's retries after the outage (the pool reconnects within seconds): the first acknowledged retry
        // of each delivery is a new delivery, so nothing was half-stored during the outage.
        for (String webhookId : webhookIds) {
            HttpResponse<String> retry = Awaitility.await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> shopify.send(shopify.delivery("orders/create", webhookId, "{\"id\":7}")),
                            response -> response.statusCode() != 503);
            assertThat(retry.statusCode()).isEqualTo(200);
            assertThat(retry.body()).contains("accepted");
        }
        JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE entity_key = 'order:7'",
                Integer.class)).isEqualTo(webhookIds.size());
        releaseLogs(logged);

        // One line when the refusals start and one with their count when the database is back, not one per
        // delivery; Hikari's warnings about the connections it lost carry no stack trace.
        assertThat(logged.list).filteredOn(line -> line.getLoggerName().equals(StorageRefusals.class.getName()))
                .extracting(ILoggingEvent::getFormattedMessage).satisfiesExactly(
                        first -> assertThat(first).startsWith("database unavailable: refusing webhooks (503)"),
                        last -> assertThat(last).containsPattern(
                                "^database available again: ([3-9]|\\d\\d+) webhooks refused \\(503\\) from .+ to .+"));
        assertThat(logged.list).filteredOn(line -> line.getLoggerName().equals(IngestResponses.class.getName()))
                .noneMatch(line -> line.getLevel().isGreaterOrEqual(Level.WARN));
        assertThat(logged.list).filteredOn(line -> line.getLoggerName().startsWith("com.zaxxer.hikari"))
                .allSatisfy(line -> assertThat(line.getThrowableProxy()).as(line.getFormattedMessage()).isNull());
    }

    private static final List<String> CAPTURED = List.of(StorageRefusals.class.getName(),
            IngestResponses.class.getName(), "com.zaxxer.hikari");

    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        for (String name : CAPTURED) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.addAppender(logged);
            logger.setLevel(Level.INFO);
        }
        return logged;
    }

    private static void releaseLogs(ListAppender<ILoggingEvent> logged) {
        for (String name : CAPTURED) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.detachAppender(logged);
            logger.setLevel(null);
        }
    }
}
