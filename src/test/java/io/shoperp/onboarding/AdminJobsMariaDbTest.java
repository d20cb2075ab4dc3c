package io.shoperp.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import io.shoperp.mapping.ItemMapper;
import io.shoperp.shopify.ShopifyAdminClient;
import io.shoperp.shopify.ThrottleStatus;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import io.shoperp.support.AppInstance;
import io.shoperp.support.Closing;
import io.shoperp.support.MariaDbServer;
import io.shoperp.support.ProcessingSettings;
import io.shoperp.support.ShopifyWebhookClient;
import io.shoperp.support.TestOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The catalog import and the order backfill over HTTP into instances on MariaDB, against the Shopify and ERPNext
 * sandboxes: a few hundred products and orders, Shopify throttling on the way, two instances polling for the job (one
 * runs it), a restart in the middle (the job resumes at its cursor), and a second run that stores and writes nothing.
 */
class AdminJobsMariaDbTest {

    private static final String PASSWORD = "jobs-admin-password";
    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ShopifySandbox shopify = new ShopifySandbox().start();
    private final ErpNextSandbox erpnext = ErpNextSandbox.startSeeded();
    private AppInstance first;
    private AppInstance second;

    @AfterEach
    void stop() {
        Closing.all(second, first, erpnext, shopify);
    }

    @Test
    void importsTheCatalogOnceAcrossInstancesThroughThrottlingAndASecondImportChangesNothing() throws Exception {
        String database = MariaDbServer.get().createSchema("jobs_import");
        int variants = 0;
        for (long product = 1; product <= 300; product++) {
            int ofProduct = product == 7 ? 120 : product % 3 == 0 ? 2 : 1;
            for (int v = 0; v < ofProduct; v++) {
                long variant = product * 1000 + v;
                shopify.putVariant(product, variant, "IMP-" + variant, 5_000_000 + variant, "9.90");
                variants++;
            }
        }
        first = AppInstance.start(database, settings(Map.of()));
        second = AppInstance.start(database, settings(Map.of()));
        // Throttled twice within what the client waits out itself, then once beyond it (4 s, more than
        // shopify.admin-api-max-throttle-wait): the job pauses, and resumes when Shopify's bucket has refilled.
        shopify.throttleNext(2, new ThrottleStatus(1000, 0, 1000), 100);
        shopify.throttleNext(1, new ThrottleStatus(1000, 0, 25), 100);

        HttpResponse<String> started = post(first, "/admin/shops/" + ShopifyWebhookClient.SHOP + "/import/products");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(post(second, "/admin/shops/" + ShopifyWebhookClient.SHOP + "/import/products").statusCode())
                .as("a second import while the first runs").isEqualTo(409);

        JsonNode job = awaitFinished(second, location);
        assertThat(job.path("state").asText()).isEqualTo("DONE");
        assertThat(job.path("kind").asText()).isEqualTo("products-import");
        assertThat(job.path("total").asLong()).isEqualTo(300);
        assertThat(job.path("done").asLong()).isEqualTo(300);
        assertThat(job.path("stored").asLong()).isEqualTo(300);
        assertThat(job.path("failed").asLong()).isZero();
        assertThat(job.path("startedAt").isTextual()).isTrue();
        assertThat(job.path("finishedAt").isTextual()).isTrue();
        int pages = (300 + ShopifyAdminClient.CATALOG_PAGE_SIZE - 1) / ShopifyAdminClient.CATALOG_PAGE_SIZE;
        assertThat(shopify.requestCount("graphql productsCount")).as("three throttled, then counted").isEqualTo(4);
        assertThat(shopify.requestCount("graphql products")).as("each page read once, by one instance")
                .isEqualTo(pages);
        assertThat(shopify.requestCount("graphql product")).as("the 70 variants of product 7 after its first 50")
                .isEqualTo(1);

        JdbcTemplate inbox = first.bean(JdbcTemplate.class);
        int finalVariants = variants;
        await().atMost(Duration.ofSeconds(120)).until(() -> erpnext.documents("Item").stream()
                .filter(item -> item.path(ItemMapper.VARIANT_FIELD).asLong() > 0).count() == finalVariants);
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.queryForObject(
                "SELECT COUNT(*) FROM inbox_event WHERE topic = 'products/update' AND status <> 'DONE'", Integer.class) == 0);
        assertThat(erpnext.documents("Item")).filteredOn(item -> item.path(ItemMapper.VARIANT_FIELD).asLong() == 7_119)
                .singleElement().satisfies(item -> {
                    assertThat(item.path("item_code").asText()).isEqualTo("IMP-7119");
                    assertThat(item.path(ItemMapper.INVENTORY_ITEM_FIELD).asLong()).isEqualTo(5_007_119L);
                });
        int itemWrites = erpnext.requestCount("POST", "Item") + erpnext.requestCount("PUT", "Item");
        int events = inbox.queryForObject("SELECT COUNT(*) FROM inbox_event", Integer.class);

        HttpResponse<String> again = post(first, "/admin/shops/" + ShopifyWebhookClient.SHOP + "/import/products");
        assertThat(again.statusCode()).isEqualTo(202);
        JsonNode second = awaitFinished(first, again.headers().firstValue("Location").orElseThrow());
        assertThat(second.path("state").asText()).isEqualTo("DONE");
        assertThat(second.path("done").asLong()).isEqualTo(300);
        assertThat(second.path("stored").asLong()).as("every product held in its version").isZero();
        assertThat(inbox.queryForObject("SELECT COUNT(*) FROM inbox_event", Integer.class)).isEqualTo(events);
        assertThat(erpnext.requestCount("POST", "Item") + erpnext.requestCount("PUT", "Item")).isEqualTo(itemWrites);
    }

    @Test
    void backfillsTheOrdersOfARangeResumesAfterARestartAndASecondBackfillChangesNothing() throws Exception {
        String database = MariaDbServer.get().createSchema("jobs_backfill");
        ProcessingSettings.seedGuestCustomer(erpnext);
        for (int i = 0; i < 240; i++) {
            putOrder(9_300_000_000L + i, T0.plusSeconds(60L * i));
        }
        putOrder(9_300_001_000L, T0.minusSeconds(1));
        putOrder(9_300_001_001L, T0.plusSeconds(60L * 240));
        // Small pages and slow REST reads: the restart comes with most of the range still to read.
        Map<String, String> backfill = Map.of("admin-jobs.orders-page-size", "20");
        first = AppInstance.start(database, settings(backfill));
        shopify.rateLimitNext(3, Duration.ofMillis(500));

        String query = "?from=" + T0 + "&to=" + T0.plusSeconds(60L * 240);
        HttpResponse<String> started = post(first, "/admin/shops/" + ShopifyWebhookClient.SHOP + "/backfill/orders" + query);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() -> get(first, location).path("done").asLong() >= 40);
        first.close();
        first = null;
        JdbcTemplate inbox = new JdbcTemplate(new DriverManagerDataSource(database, "root", ""));
        long doneAtRestart = inbox.queryForObject("SELECT done_count FROM admin_job", Long.class);
        assertThat(doneAtRestart).isLessThan(240);

        second = AppInstance.start(database, settings(backfill));
        JsonNode job = awaitFinished(second, location);
        assertThat(job.path("state").asText()).isEqualTo("DONE");
        assertThat(job.path("total").asLong()).isEqualTo(240);
        assertThat(job.path("done").asLong()).isEqualTo(240);
        assertThat(job.path("stored").asLong()).isEqualTo(240);
        assertThat(shopify.requestCount("graphql orders")).as("resumed at its cursor, not from the start")
                .isLessThanOrEqualTo(240 / 20 + 1);
        assertThat(shopify.requestCount("graphql ordersCount")).as("refused three times (429), then counted")
                .isEqualTo(4);
        assertThat(shopify.requestCount("rest order")).as("each order read once").isEqualTo(240);
        await().atMost(Duration.ofSeconds(120)).until(() -> erpnext.documents("Sales Order").size() == 240);
        assertThat(inbox.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE entity_key IN"
                + " ('order:9300001000', 'order:9300001001')", Integer.class)).as("outside the range").isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.queryForObject(
                "SELECT COUNT(*) FROM inbox_event WHERE status <> 'DONE'", Integer.class) == 0);
        int salesOrderWrites = erpnext.requestCount("POST", "Sales Order");

        HttpResponse<String> again = post(second, "/admin/shops/" + ShopifyWebhookClient.SHOP + "/backfill/orders" + query);
        JsonNode repeat = awaitFinished(second, again.headers().firstValue("Location").orElseThrow());
        assertThat(repeat.path("done").asLong()).isEqualTo(240);
        assertThat(repeat.path("stored").asLong()).isZero();
        assertThat(inbox.queryForObject("SELECT COUNT(*) FROM inbox_event", Integer.class)).isEqualTo(240);
        assertThat(erpnext.requestCount("POST", "Sales Order")).isEqualTo(salesOrderWrites);
        assertThat(erpnext.documents("Sales Order")).hasSize(240);
    }

    @Test
    void badRequestsAreAnsweredWithWhatIsWrong() throws Exception {
        first = AppInstance.start(MariaDbServer.get().createSchema("jobs_refused"), settings(Map.of()));
        String backfill = "/admin/shops/" + ShopifyWebhookClient.SHOP + "/backfill/orders";

        assertThat(post(first, backfill).body()).contains("parameter from is required");
        HttpResponse<String> reversed = post(first, backfill + "?from=2026-11-02&to=2026-11-01");
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("must be before to");
        assertThat(post(first, backfill + "?from=yesterday").body()).contains("from must be an ISO instant");
        HttpResponse<String> unknown = post(first, "/admin/shops/other.myshopify.com/import/products");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no shop other.myshopify.com with admin-api-url");
        assertThat(send(first, HttpRequest.newBuilder(uri(first, "/admin/jobs/999")).GET(), true).statusCode())
                .isEqualTo(404);
        HttpResponse<String> anonymous = send(first, HttpRequest.newBuilder(uri(first,
                "/admin/shops/" + ShopifyWebhookClient.SHOP + "/import/products")).POST(HttpRequest.BodyPublishers.noBody()),
                false);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(first.bean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM admin_job", Integer.class))
                .isZero();
    }

    private void putOrder(long id, Instant updatedAt) {
        shopify.putOrder(id, updatedAt, TestOrder.guest(id, "#" + id % 10_000, updatedAt).financialStatus("pending")
                .line(id % 1_000_000 + 1, "BF-" + id % 7, 1, "5.00", "0.00").json().toString()
                .getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> settings(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(ProcessingSettings.against(erpnext));
        settings.put("shopify.shops[0].admin-api-url", shopify.adminApiUrl());
        settings.put("shopify.shops[0].admin-api-token", shopify.accessToken());
        settings.put("admin.password", PASSWORD);
        settings.put("admin-jobs.poll-interval", "200ms");
        settings.put("admin-jobs.retry-delay", "1s");
        // A throttle wait of more than this pauses the job instead of holding its thread.
        settings.put("shopify.admin-api-max-throttle-wait", "2s");
        settings.put("reconcile.enabled", "false");
        settings.put("stock.push-enabled", "false");
        settings.putAll(overrides);
        return settings;
    }

    private JsonNode awaitFinished(AppInstance app, String location) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(app, location), job -> job.path("state").asText().matches("DONE|FAILED"));
    }

    private JsonNode get(AppInstance app, String path) throws Exception {
        HttpResponse<String> response = send(app, HttpRequest.newBuilder(uri(app, path)).GET(), true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(AppInstance app, String path) throws Exception {
        return send(app, HttpRequest.newBuilder(uri(app, path)).POST(HttpRequest.BodyPublishers.noBody()), true);
    }

    private HttpResponse<String> send(AppInstance app, HttpRequest.Builder request, boolean authenticated)
            throws Exception {
        if (authenticated) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(AppInstance app, String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }
}
