package io.shoperp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.support.H2AppTest;
import io.shoperp.support.ShopifyWebhookClient;
import io.shoperp.support.ShopifyWebhookClient.Delivery;
import org.apache.camel.processor.errorhandler.DefaultErrorHandler;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** POST /webhooks/shopify over real HTTP into the running application, on H2. */
@H2AppTest
class WebhookIngestTest {

    private static final String ORDER_JSON = """
            {"id":820982911946154508,"name":"#1001","email":"zoë@example.com",\
            "updated_at":"2026-11-29T05:00:00-05:00","note":"Grüße aus Köln, 東京から","total_price":"254.98"}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    ShopifyWebhookClient shopify;

    @BeforeEach
    void client() {
        shopify = new ShopifyWebhookClient(port);
    }

    @Test
    void storesASignedDeliveryAsAPendingRowWithTheExactBytes() {
        String webhookId = newId();
        Delivery delivery = shopify.delivery("orders/create", webhookId, ORDER_JSON);

        HttpResponse<String> response = shopify.send(delivery);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"outcome\":\"accepted\"");
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM inbox_event WHERE webhook_id = ?", webhookId);
        assertThat(row.get("SHOP_DOMAIN")).isEqualTo(ShopifyWebhookClient.SHOP);
        assertThat(row.get("TOPIC")).isEqualTo("orders/create");
        assertThat(row.get("EVENT_ID")).isEqualTo("event-" + webhookId);
        assertThat(row.get("API_VERSION")).isEqualTo("2025-10");
        assertThat(row.get("ENTITY_KEY")).isEqualTo("order:820982911946154508");
        assertThat(row.get("STATUS")).isEqualTo("PENDING");
        assertThat(row.get("ATTEMPTS")).isEqualTo(0);
        assertThat(jdbc.queryForObject("SELECT triggered_at FROM inbox_event WHERE webhook_id = ?",
                LocalDateTime.class, webhookId)).isEqualTo(LocalDateTime.parse("2026-11-29T10:00:00.123"));
        assertThat(jdbc.queryForObject("SELECT resource_updated_at FROM inbox_event WHERE webhook_id = ?",
                LocalDateTime.class, webhookId)).isEqualTo(LocalDateTime.parse("2026-11-29T10:00:00"));
        byte[] stored = jdbc.queryForObject("SELECT payload FROM inbox_event WHERE webhook_id = ?", byte[].class,
                webhookId);
        assertThat(stored).isEqualTo(ORDER_JSON.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsTheRotatedOutSecretWhileItIsStillListed() {
        String webhookId = newId();
        HttpResponse<String> response = shopify.send(shopify.delivery("orders/create", webhookId, ORDER_JSON)
                .signedWith(ShopifyWebhookClient.OLD_SECRET));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(rowsFor(webhookId)).isEqualTo(1);
    }

    @Test
    void refusesAWrongSignatureAndStoresNothing() {
        String webhookId = newId();
        double before = count("bad_signature");

        HttpResponse<String> response = shopify.send(shopify.delivery("orders/create", webhookId, ORDER_JSON)
                .signedWith("not-the-secret"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("signature does not match");
        assertNothingStored(webhookId);
        assertThat(count("bad_signature")).isEqualTo(before + 1);
    }

    @Test
    void refusesAMissingSignature() {
        String webhookId = newId();
        HttpResponse<String> response = shopify.send(shopify.delivery("orders/create", webhookId, ORDER_JSON)
                .header(ShopifyHeaders.HMAC, null));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("missing X-Shopify-Hmac-Sha256");
        assertNothingStored(webhookId);
    }

    @Test
    void refusesAnUnknownShopEvenWithAValidSignatureForThatSecret() {
        String webhookId = newId();
        HttpResponse<String> response = shopify.send(shopify.delivery("orders/create", webhookId, ORDER_JSON)
                .header(ShopifyHeaders.SHOP_DOMAIN, "intruder.myshopify.com"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("unknown shop").doesNotContain("intruder");
        assertNothingStored(webhookId);
    }

    @Test
    void theSignatureCoversTheRawBytesNotTheirDecodedText() {
        String webhookId = newId();
        Delivery genuine = shopify.delivery("orders/create", webhookId, ORDER_JSON);
        // The same text in another encoding: any re-encoding between the wire and the HMAC would break it.
        byte[] latin1 = ORDER_JSON.replace("東京から", "").getBytes(StandardCharsets.ISO_8859_1);
        String latin1Signature = WebhookSignatures.sign(ShopifyWebhookClient.SECRET.getBytes(StandardCharsets.UTF_8),
                latin1);

        HttpResponse<String> tampered = shopify.send(genuine.header(ShopifyHeaders.HMAC, latin1Signature));

        assertThat(tampered.statusCode()).isEqualTo(401);
        assertNothingStored(webhookId);
    }

    @Test
    void answers400NamingEveryMissingHeaderAfterTheSignatureIsChecked() {
        String webhookId = newId();
        HttpResponse<String> response = shopify.send(shopify.delivery("orders/create", webhookId, ORDER_JSON)
                .header(ShopifyHeaders.TOPIC, null)
                .header(ShopifyHeaders.WEBHOOK_ID, null));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("X-Shopify-Topic").contains("X-Shopify-Webhook-Id");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE event_id = ?", Integer.class,
                "event-" + webhookId)).isZero();
    }

    @Test
    void answers400ForAMalformedTopic() {
        String webhookId = newId();
        HttpResponse<String> response = shopify.send(shopify.delivery("orders create; DROP", webhookId, ORDER_JSON));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("malformed X-Shopify-Topic");
        assertNothingStored(webhookId);
    }

    @Test
    void answers413ForADeclaredLengthOverTheLimit() {
        String webhookId = newId();
        String big = "{\"id\":1,\"note\":\"" + "x".repeat(H2AppTest.MAX_BODY_BYTES) + "\"}";

        HttpResponse<String> response = shopify.send(shopify.delivery("orders/create", webhookId, big));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("shopify.max-body-bytes");
        assertNothingStored(webhookId);
    }

    @Test
    void answers413ForAChunkedBodyOverTheLimit() throws Exception {
        String webhookId = newId();
        byte[] big = ("{\"id\":1,\"note\":\"" + "x".repeat(H2AppTest.MAX_BODY_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/shopify"))
                .header(ShopifyHeaders.TOPIC, "orders/create")
                .header(ShopifyHeaders.SHOP_DOMAIN, ShopifyWebhookClient.SHOP)
                .header(ShopifyHeaders.WEBHOOK_ID, webhookId)
                .header(ShopifyHeaders.HMAC, WebhookSignatures.sign(
                        ShopifyWebhookClient.SECRET.getBytes(StandardCharsets.UTF_8), big))
                // An input stream publisher has no length: the request goes out chunked, without Content-Length.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertNothingStored(webhookId);
    }

    @Test
    void neverEchoesRequestHeadersNorStackTraces() {
        for (Delivery delivery : List.of(
                shopify.delivery("orders/create", newId(), ORDER_JSON),
                shopify.delivery("orders/create", newId(), ORDER_JSON).signedWith("wrong"),
                shopify.delivery("orders/create", newId(), ORDER_JSON).header(ShopifyHeaders.WEBHOOK_ID, null))) {
            HttpResponse<String> response = shopify.send(delivery);

            assertThat(response.headers().map().keySet())
                    .noneMatch(name -> name.toLowerCase().startsWith("x-shopify"));
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ")
                    .doesNotContain(ShopifyWebhookClient.SECRET);
        }
    }

    @Test
    void acceptsABodySentWithAFormContentTypeOrWithoutContentType() {
        String formId = newId();
        String bareId = newId();

        HttpResponse<String> form = shopify.send(shopify.delivery("orders/create", formId, ORDER_JSON)
                .header("Content-Type", "application/x-www-form-urlencoded"));
        HttpResponse<String> bare = shopify.send(shopify.delivery("orders/create", bareId, ORDER_JSON)
                .header("Content-Type", null));

        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(bare.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT payload FROM inbox_event WHERE webhook_id = ?", byte[].class, formId))
                .isEqualTo(ORDER_JSON.getBytes(StandardCharsets.UTF_8));
        assertThat(rowsFor(bareId)).isEqualTo(1);
    }

    @Test
    void sequentialDuplicatesAreAnswered200AndChangeNothing() {
        String webhookId = newId();
        double duplicatesBefore = count("duplicate");

        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            responses.add(shopify.send(shopify.delivery("orders/create", webhookId, ORDER_JSON)));
        }

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        assertThat(responses.get(0).body()).contains("accepted");
        assertThat(responses.get(2).body()).contains("duplicate");
        assertThat(rowsFor(webhookId)).isEqualTo(1);
        assertThat(count("duplicate")).isEqualTo(duplicatesBefore + 2);
    }

    @Test
    void twentyConcurrentIdenticalDeliveriesStoreOneRowAndAllGet2xx() throws Exception {
        String webhookId = newId();
        double duplicatesBefore = count("duplicate");
        int senders = 20;
        CyclicBarrier start = new CyclicBarrier(senders);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                responses.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return shopify.send(shopify.delivery("orders/create", webhookId, ORDER_JSON));
                }, pool));
            }
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.get().statusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(rowsFor(webhookId)).isEqualTo(1);
        assertThat(count("duplicate")).isEqualTo(duplicatesBefore + senders - 1);
    }

    @Test
    void aWebhookIdIsOnlyADuplicateWithinItsShop() {
        String webhookId = newId();

        HttpResponse<String> first = shopify.send(shopify.delivery("orders/create", webhookId, ORDER_JSON));
        HttpResponse<String> second = shopify.send(shopify.delivery("orders/create", webhookId, ORDER_JSON)
                .header(ShopifyHeaders.SHOP_DOMAIN, H2AppTest.SECOND_SHOP));

        assertThat(first.body()).contains("accepted");
        assertThat(second.body()).contains("accepted");
        assertThat(jdbc.queryForList("SELECT shop_domain FROM inbox_event WHERE webhook_id = ? ORDER BY id",
                String.class, webhookId))
                .containsExactly(ShopifyWebhookClient.SHOP, "second-shop.myshopify.com");
    }

    @Test
    void storesASignedButMalformedPayloadSoThatItCanEndVisiblyDead() {
        String webhookId = newId();

        HttpResponse<String> response = shopify.send(shopify.delivery("orders/create", webhookId, "{not json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT entity_key FROM inbox_event WHERE webhook_id = ?", String.class,
                webhookId)).isEqualTo("unparsed:" + webhookId);
    }

    @Test
    void publishesOutcomesOnThePrometheusEndpoint() {
        shopify.send(shopify.delivery("customers/create", newId(), "{\"id\":42}"));

        // The inbox gauges read a snapshot that may be a few seconds old: an earlier scrape's, taken before this.
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("shopify_webhooks_received_total{outcome=\"accepted\","
                    + "shop=\"test-shop.myshopify.com\",topic=\"customers/create\"}");
            // Processing is off in this application: the stored deliveries wait, and the inbox gauges say so.
            assertThat(scrape.body()).containsPattern("inbox_events\\{status=\"PENDING\"} [1-9]")
                    .containsPattern("inbox_oldest_pending_age_seconds [0-9.E-]+");
        });
    }

    @Test
    void aFailureInsideTheIngestTransactionRollsTheWebhookIdBackAndAnswers503() {
        String webhookId = newId();
        Delivery delivery = shopify.delivery("orders/create", webhookId, ORDER_JSON);
        HttpResponse<String> failed;
        Logger camelErrors = (Logger) LoggerFactory.getLogger(DefaultErrorHandler.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        camelErrors.addAppender(logged);
        // The webhook id is recorded, then the inbox row cannot be written.
        jdbc.execute("ALTER TABLE inbox_event RENAME TO inbox_event_away");
        try {
            failed = shopify.send(delivery);
        } finally {
            jdbc.execute("ALTER TABLE inbox_event_away RENAME TO inbox_event");
            camelErrors.detachAppender(logged);
        }

        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.body()).contains("\"outcome\":\"unavailable\"").doesNotContain("Exception");
        assertNothingStored(webhookId);
        assertThat(logged.list).as("Camel's report: one line, no stack trace").isNotEmpty()
                .allSatisfy(line -> assertThat(line.getThrowableProxy()).isNull());
        HttpResponse<String> retried = shopify.send(delivery);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).contains("accepted");
        assertThat(rowsFor(webhookId)).isEqualTo(1);
    }

    private void assertNothingStored(String webhookId) {
        assertThat(rowsFor(webhookId)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE messageId LIKE ?",
                Integer.class, "%:" + webhookId)).isZero();
    }

    private int rowsFor(String webhookId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE webhook_id = ?", Integer.class, webhookId);
    }

    private double count(String outcome) {
        return meters.find("shopify.webhooks.received").tag("outcome", outcome).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
