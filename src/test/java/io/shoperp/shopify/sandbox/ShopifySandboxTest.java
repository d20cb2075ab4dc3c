package io.shoperp.shopify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoperp.ingest.ShopRegistry;
import io.shoperp.ingest.ShopifyHeaders;
import io.shoperp.ingest.ShopifyProperties;
import io.shoperp.ingest.WebhookSignatures;
import io.shoperp.shopify.InventoryChange;
import io.shoperp.shopify.ShopifyAdminClient;
import io.shoperp.shopify.ShopifyAdminSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShopifySandboxTest {

    private static final String SHOP = "sandbox.myshopify.com";
    private static final String SECRET = "app-secret";
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final long ITEM = 808950810;
    private static final long LOCATION = 487838322;

    private final ObjectMapper json = new ObjectMapper();
    private final ShopifySandbox sandbox = new ShopifySandbox().start();
    private final RecordingWebhookReceiver app = new RecordingWebhookReceiver();

    @AfterEach
    void stop() {
        sandbox.stop();
        app.close();
    }

    @Test
    void sendsWebhooksTheAppsSignatureCheckAccepts() throws Exception {
        byte[] body = "{\"id\":450789469,\"note\":\"Grüße\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(sandbox.sendWebhook(app.url(), SHOP, SECRET, "orders/updated", body)).isEqualTo(200);

        RecordingWebhookReceiver.Delivery delivery = app.next(PATIENCE);
        assertThat(delivery.body()).isEqualTo(body);
        assertThat(delivery.header(ShopifyHeaders.TOPIC)).isEqualTo("orders/updated");
        assertThat(delivery.header(ShopifyHeaders.WEBHOOK_ID)).isNotBlank();
        assertThat(delivery.header(ShopifyHeaders.EVENT_ID)).isNotBlank();
        assertThat(Instant.parse(delivery.header(ShopifyHeaders.TRIGGERED_AT))).isBeforeOrEqualTo(Instant.now());
        assertThat(delivery.header(ShopifyHeaders.API_VERSION)).isEqualTo(ShopifySandbox.API_VERSION);
        // Throws when the signature does not match.
        appSignatureCheck().verify(delivery.header(ShopifyHeaders.SHOP_DOMAIN), delivery.header(ShopifyHeaders.HMAC),
                delivery.body());
    }

    @Test
    void echoesEachInventoryChangeOnceAndReplaysNone() throws Exception {
        sandbox.setAvailable(ITEM, LOCATION, 10).echoInventoryTo(app.url(), SHOP, SECRET);
        ShopifyAdminClient client = new ShopifyAdminClient(sandbox.adminApiUrl(), sandbox.accessToken(),
                ShopifyAdminSettings.defaults());
        List<InventoryChange> push = List.of(new InventoryChange(ITEM, LOCATION, 7, 10));

        client.setAvailable(push, "push-1", "correction", null);
        client.setAvailable(push, "push-1", "correction", null);
        sandbox.simulateSale(ITEM, LOCATION, 1);

        // Echoes leave in order, so a duplicate or a replay echo would arrive before the sale's.
        JsonNode pushEcho = echo(app.next(PATIENCE));
        assertThat(pushEcho.path("inventory_item_id").asLong()).isEqualTo(ITEM);
        assertThat(pushEcho.path("location_id").asLong()).isEqualTo(LOCATION);
        assertThat(pushEcho.path("available").asInt()).isEqualTo(7);
        assertThat(pushEcho.path("admin_graphql_api_id").asText())
                .isEqualTo("gid://shopify/InventoryLevel/" + LOCATION + "?inventory_item_id=" + ITEM);
        assertThat(Instant.parse(pushEcho.path("updated_at").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(echo(app.next(PATIENCE)).path("available").asInt()).isEqualTo(6);
    }

    private JsonNode echo(RecordingWebhookReceiver.Delivery delivery) throws Exception {
        assertThat(delivery.header(ShopifyHeaders.TOPIC)).isEqualTo("inventory_levels/update");
        appSignatureCheck().verify(delivery.header(ShopifyHeaders.SHOP_DOMAIN), delivery.header(ShopifyHeaders.HMAC),
                delivery.body());
        return json.readTree(delivery.body());
    }

    private static WebhookSignatures appSignatureCheck() {
        ShopifyProperties.Shop shop = new ShopifyProperties.Shop();
        shop.setDomain(SHOP);
        shop.setWebhookSecrets(List.of(SECRET));
        ShopifyProperties properties = new ShopifyProperties();
        properties.setShops(List.of(shop));
        return new WebhookSignatures(new ShopRegistry(properties));
    }
}
