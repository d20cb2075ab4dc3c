package io.shoperp.shopify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import io.shoperp.shopify.ShopifyLocation;
import io.shoperp.shopify.ShopifyPermanentException;
import io.shoperp.shopify.WebhookSubscription;
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

    @Test
    void keepsWebhookSubscriptionsWithShopifysChecks() {
        ShopifyAdminClient client = client();
        long foreign = sandbox.putWebhookSubscription("ORDERS_CREATE", "https://other.example.com/hooks");
        String ours = "https://bridge.example.com/webhooks/shopify";

        WebhookSubscription created = client.createWebhookSubscription("ORDERS_CREATE", ours);
        WebhookSubscription repaired = client.updateWebhookSubscription(foreign, "https://other.example.com/v2");

        assertThat(created.topic()).isEqualTo("ORDERS_CREATE");
        assertThat(created.uri()).isEqualTo(ours);
        assertThat(repaired).isEqualTo(new WebhookSubscription(foreign, "ORDERS_CREATE", "https://other.example.com/v2"));
        assertThat(client.webhookSubscriptions()).containsExactly(repaired, created);
        assertThatThrownBy(() -> client.createWebhookSubscription("ORDERS_CREATE", ours))
                .isInstanceOf(ShopifyPermanentException.class).hasMessageContaining("already been taken");
        assertThatThrownBy(() -> client.createWebhookSubscription("ORDERS_PAID", "http://bridge.example.com/x"))
                .isInstanceOf(ShopifyPermanentException.class).hasMessageContaining("not supported");
        assertThatThrownBy(() -> client.updateWebhookSubscription(42, ours))
                .isInstanceOf(ShopifyPermanentException.class).hasMessageContaining("does not exist");
        assertThat(sandbox.requestCount("graphql webhookSubscriptionCreate")).isEqualTo(3);
        assertThat(sandbox.requestCount("graphql webhookSubscriptionUpdate")).isEqualTo(2);
        assertThat(sandbox.requestCount("graphql webhookSubscriptions")).isEqualTo(1);
    }

    @Test
    void pagesSubscriptionsAndLocationsInactiveOnesIncluded() {
        for (int i = 0; i < 260; i++) {
            sandbox.putWebhookSubscription("PRODUCTS_UPDATE", "https://other.example.com/" + i);
        }
        sandbox.putLocation(LOCATION, "Warehouse", true).putLocation(LOCATION + 1, "Closed shop", false);
        ShopifyAdminClient client = client();

        assertThat(client.webhookSubscriptions()).hasSize(260);
        assertThat(sandbox.requestCount("graphql webhookSubscriptions")).isEqualTo(2);
        assertThat(client.locations()).containsExactly(new ShopifyLocation(LOCATION, "Warehouse", true),
                new ShopifyLocation(LOCATION + 1, "Closed shop", false));
    }

    @Test
    void answersTheAppsAccessScopesAsSeeded() throws Exception {
        assertThat(accessScopes()).contains("read_orders", "write_inventory", "read_locations");

        sandbox.setAccessScopes("read_orders");

        assertThat(accessScopes()).containsExactly("read_orders");
    }

    @Test
    void seedsSubscriptionsLocationsAndScopesThroughTheControlApiForStandaloneUse() throws Exception {
        control("POST", "subscriptions", "{\"topic\":\"ORDERS_CREATE\",\"uri\":\"https://elsewhere.example.com/h\"}");
        control("PUT", "locations", "{\"id\":" + LOCATION + ",\"name\":\"Warehouse\",\"active\":false}");
        control("PUT", "scopes", "{\"handles\":[\"read_locations\"]}");

        assertThat(json.readTree(control("GET", "subscriptions", "")).get(0).path("uri").asText())
                .isEqualTo("https://elsewhere.example.com/h");
        assertThat(client().locations()).containsExactly(new ShopifyLocation(LOCATION, "Warehouse", false));
        assertThat(accessScopes()).containsExactly("read_locations");
    }

    private String control(String method, String path, String body) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.adminApiUrl() + "/__sandbox/" + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private List<String> accessScopes() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.adminApiUrl() + "/admin/api/" + ShopifySandbox.API_VERSION + "/graphql.json"))
                .header(ShopifyAdminClient.ACCESS_TOKEN_HEADER, sandbox.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"query\":\"{ currentAppInstallation { accessScopes { handle } } }\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        List<String> handles = new ArrayList<>();
        json.readTree(answer.body()).path("data").path("currentAppInstallation").path("accessScopes")
                .forEach(scope -> handles.add(scope.path("handle").asText()));
        return handles;
    }

    private ShopifyAdminClient client() {
        return new ShopifyAdminClient(sandbox.adminApiUrl(), sandbox.accessToken(), ShopifyAdminSettings.defaults());
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
