package io.shoperp.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shoperp.ingest.IngestResponses;
import io.shoperp.ingest.ShopRegistry;
import io.shoperp.ingest.ShopifyHeaders;
import io.shoperp.ingest.ShopifyProperties;
import io.shoperp.ingest.StorageRefusals;
import io.shoperp.ingest.WebhookDelivery;
import io.shoperp.ingest.WebhookRequests;
import io.shoperp.ingest.WebhookSignatures;
import io.shoperp.support.RouteHarness;
import io.shoperp.topics.TopicTable;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.TransactedPolicy;
import org.apache.camel.Route;
import org.apache.camel.NamedNode;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * ingest.yaml on its own: the HTTP consumer is replaced by a direct endpoint, the signature, header and answer beans
 * are the real ones, the inbox is a stub recording what would be stored. What Shopify is answered, and that nothing is
 * stored for a request that is not authentic or not well formed, is decided by this route's order of steps.
 */
class IngestRouteTest {

    private static final String SHOP = "shop.myshopify.com";
    private static final String SECRET = "route-test-secret";
    private static final byte[] ORDER = "{\"id\":450789469,\"updated_at\":\"2026-12-03T10:00:00-05:00\"}"
            .getBytes(StandardCharsets.UTF_8);

    /** inboxIntake: what the transaction would insert. */
    public static final class Inbox {
        final List<WebhookDelivery> stored = new ArrayList<>();
        RuntimeException failure;

        public Long storePending(@Body WebhookDelivery delivery) {
            if (failure != null) {
                throw failure;
            }
            stored.add(delivery);
            return (long) stored.size();
        }
    }

    /** ingestTransaction: the route's transaction boundary, without a database behind it. */
    public static final class NoTransaction implements TransactedPolicy {
        @Override
        public void beforeWrap(Route route, NamedNode definition) {
        }

        @Override
        public Processor wrap(Route route, Processor processor) {
            return processor;
        }
    }

    private final Inbox inbox = new Inbox();
    private RouteHarness routes;

    @BeforeEach
    void start() {
        ShopifyProperties.Shop shop = new ShopifyProperties.Shop();
        shop.setDomain(SHOP);
        shop.setWebhookSecrets(List.of(SECRET));
        ShopifyProperties properties = new ShopifyProperties();
        properties.setShops(List.of(shop));
        properties.setMaxBodyBytes(DataSize.ofBytes(1024));
        ShopRegistry shops = new ShopRegistry(properties);

        routes = RouteHarness.of("ingest.yaml")
                .bind("webhookRequests", new WebhookRequests(properties, TopicTable.builtIn(), Clock.systemUTC()))
                .bind("webhookSignatures", new WebhookSignatures(shops))
                .bind("ingestResponses", new IngestResponses(new SimpleMeterRegistry(), shops,
                        new StorageRefusals(Clock.systemUTC(), properties)))
                .bind("inboxIntake", inbox)
                .bind("ingestTransaction", new NoTransaction())
                .bind("webhookIdRepository", new MemoryIdempotentRepository())
                .start("shopify-webhook-ingest", route -> route.replaceFromWith("direct:webhook"));
    }

    @AfterEach
    void stop() {
        routes.close();
    }

    @Test
    void aSignedDeliveryIsStoredOnceAndItsRetryIsAnsweredAsReceived() {
        Exchange first = post(ORDER, signedHeaders("orders/updated", "wh-1", ORDER));
        Exchange retry = post(ORDER, signedHeaders("orders/updated", "wh-1", ORDER));

        assertThat(status(first)).isEqualTo(200);
        assertThat(status(retry)).isEqualTo(200);
        assertThat(retry.getMessage().getBody(String.class)).contains("already received");
        assertThat(inbox.stored).singleElement().satisfies(delivery -> {
            assertThat(delivery.shopDomain()).isEqualTo(SHOP);
            assertThat(delivery.topic()).isEqualTo("orders/updated");
            assertThat(delivery.entityKey()).isEqualTo("order:450789469");
        });
    }

    @Test
    void aWrongSignatureIsAnswered401AndStoresNothing() {
        Map<String, Object> headers = signedHeaders("orders/updated", "wh-2", ORDER);
        headers.put(ShopifyHeaders.HMAC, WebhookSignatures.sign("other".getBytes(StandardCharsets.UTF_8), ORDER));

        assertThat(status(post(ORDER, headers))).isEqualTo(401);
        assertThat(inbox.stored).isEmpty();
    }

    @Test
    void anOversizedBodyIsAnswered413BeforeItsSignatureIsChecked() {
        byte[] large = new byte[2048];

        Exchange answer = post(large, signedHeaders("orders/updated", "wh-3", large));

        assertThat(status(answer)).isEqualTo(413);
        assertThat(answer.getMessage().getBody(String.class)).contains("shopify.max-body-bytes");
        assertThat(inbox.stored).isEmpty();
    }

    @Test
    void aSignedDeliveryWithoutItsWebhookIdIsAnswered400NamingTheHeader() {
        Map<String, Object> headers = signedHeaders("orders/updated", "wh-4", ORDER);
        headers.remove(ShopifyHeaders.WEBHOOK_ID);

        Exchange answer = post(ORDER, headers);

        assertThat(status(answer)).isEqualTo(400);
        assertThat(answer.getMessage().getBody(String.class)).contains(ShopifyHeaders.WEBHOOK_ID);
        assertThat(inbox.stored).isEmpty();
    }

    @Test
    void storageTroubleIsAnswered503SoShopifyRetries() {
        inbox.failure = new IllegalStateException("database gone");

        Exchange answer = post(ORDER, signedHeaders("orders/updated", "wh-5", ORDER));

        assertThat(status(answer)).isEqualTo(503);
        assertThat(answer.getMessage().getBody(String.class)).doesNotContain("database gone");
    }

    private Exchange post(byte[] body, Map<String, Object> headers) {
        return routes.producer().send("direct:webhook", exchange -> {
            exchange.getMessage().setBody(new ByteArrayInputStream(body));
            exchange.getMessage().setHeaders(headers);
        });
    }

    private static Map<String, Object> signedHeaders(String topic, String webhookId, byte[] body) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(ShopifyHeaders.SHOP_DOMAIN, SHOP);
        headers.put(ShopifyHeaders.TOPIC, topic);
        headers.put(ShopifyHeaders.WEBHOOK_ID, webhookId);
        headers.put(ShopifyHeaders.HMAC, WebhookSignatures.sign(SECRET.getBytes(StandardCharsets.UTF_8), body));
        headers.put("Content-Length", String.valueOf(body.length));
        return headers;
    }

    private static int status(Exchange answer) {
        return answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }
}
