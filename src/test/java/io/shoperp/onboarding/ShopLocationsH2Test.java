package io.shoperp.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import io.shoperp.support.AppInstance;
import io.shoperp.support.ShopifyWebhookClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * GET /admin/shops/{domain}/locations over HTTP, and the start-up WARNs: an active location without a warehouse, and
 * a shop whose Admin API does not answer (which must not stop the start).
 */
@ExtendWith(OutputCaptureExtension.class)
class ShopLocationsH2Test {

    private static final String PASSWORD = "locations-admin-password";
    private static final String UNREACHABLE_SHOP = "unreachable-shop.myshopify.com";
    private static final long STORES = 66_000_000_001L;
    private static final long OUTLET = 66_000_000_002L;
    private static final long POP_UP = 66_000_000_003L;
    private static final long CLOSED = 66_000_000_004L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ShopifySandbox shopify;
    private static AppInstance app;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        shopify = new ShopifySandbox().start()
                .putLocation(STORES, "Main warehouse", true)
                .putLocation(OUTLET, "Outlet", true)
                .putLocation(POP_UP, "Pop-up", true)
                .putLocation(CLOSED, "Old shop", false);
        Map<String, String> settings = new HashMap<>();
        settings.put("admin.password", PASSWORD);
        settings.put("shopify.shops[0].admin-api-url", shopify.adminApiUrl());
        settings.put("shopify.shops[0].admin-api-token", shopify.accessToken());
        settings.put("erpnext.warehouses." + STORES, "Stores - SC");
        // The shop's own mapping adds to the global one.
        settings.put("shopify.shops[0].erpnext.warehouses." + OUTLET, "Outlet - SC");
        settings.put("shopify.shops[1].domain", UNREACHABLE_SHOP);
        settings.put("shopify.shops[1].webhook-secrets[0]", ShopifyWebhookClient.SECRET);
        // Nothing listens there: the connection is refused at once.
        settings.put("shopify.shops[1].admin-api-url", "http://127.0.0.1:1");
        settings.put("shopify.shops[1].admin-api-token", "shpat_unreachable");
        settings.put("processing.enabled", "false");
        settings.put("reconcile.enabled", "false");
        settings.put("stock.push-enabled", "false");
        app = AppInstance.start("jdbc:h2:mem:shop-locations;MODE=MySQL;DB_CLOSE_DELAY=-1", settings);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (shopify != null) {
            shopify.close();
        }
    }

    @Test
    void listsEveryLocationWithItsWarehouseOrUnmapped() throws Exception {
        HttpResponse<String> response = get("/admin/shops/" + ShopifyWebhookClient.SHOP.toUpperCase() + "/locations");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("shop").asText()).isEqualTo(ShopifyWebhookClient.SHOP);
        assertThat(body.get("locations").toString()).isEqualTo(JSON.createArrayNode()
                .add(location(STORES, "Main warehouse", true, "Stores - SC"))
                .add(location(OUTLET, "Outlet", true, "Outlet - SC"))
                .add(location(POP_UP, "Pop-up", true, "unmapped"))
                .add(location(CLOSED, "Old shop", false, "unmapped")).toString());
    }

    @Test
    void answersUnknownShopsUnreachableShopifyAndAnonymousCallersClearly() throws Exception {
        assertThat(get("/admin/shops/nobody.myshopify.com/locations").statusCode()).isEqualTo(404);
        HttpResponse<String> unreachable = get("/admin/shops/" + UNREACHABLE_SHOP + "/locations");
        assertThat(unreachable.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(unreachable.body()).get("error").asText()).startsWith("Shopify: list locations");
        assertThat(http.send(HttpRequest.newBuilder(uri("/admin/shops/" + ShopifyWebhookClient.SHOP + "/locations"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void warnedAtStartOfTheActiveUnmappedLocationAndTheShopItCouldNotAsk(CapturedOutput output) {
        assertThat(output.getAll()).contains("shop " + ShopifyWebhookClient.SHOP + ": active location " + POP_UP
                + " \"Pop-up\" has no ERPNext warehouse");
        assertThat(output.getAll()).doesNotContain("active location " + CLOSED, "active location " + STORES,
                "active location " + OUTLET);
        assertThat(output.getAll()).containsOnlyOnce("shop " + UNREACHABLE_SHOP
                + ": locations not checked against erpnext.warehouses");
    }

    private static JsonNode location(long id, String name, boolean active, String warehouse) {
        return JSON.createObjectNode().put("id", id).put("name", name).put("active", active).put("warehouse", warehouse);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }
}
