package io.shoperp.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.authority.AuthorityProperties;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.ErpNextProperties;
import io.shoperp.ingest.ShopifyProperties;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.ShopMappings;
import io.shoperp.shopify.ShopifyAdminClients;
import io.shoperp.shopify.reconcile.ReconcileProperties;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import io.shoperp.stock.StockProperties;
import io.shoperp.support.Closing;
import io.shoperp.support.ProcessingSettings;
import io.shoperp.support.SandboxedApp;
import io.shoperp.support.ShopifyWebhookClient;
import io.shoperp.topics.TopicTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The setup check through the application, against both sandboxes: all PASS when they are set up right, and each
 * failure named with its fix when a sandbox is set up to cause it. Each test undoes what it broke.
 */
class SetupCheckH2Test {

    private static final String PASSWORD = "setup-check-admin";
    private static final String SHOP = ShopifyWebhookClient.SHOP.toLowerCase(Locale.ROOT);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOKS = "https://bridge.example.com/webhooks/shopify";
    /** The scopes of every feature the bridge runs against this shop. */
    private static final List<String> BRIDGE_SCOPES = List.of("read_orders", "read_inventory", "write_inventory",
            "read_products", "write_products");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ShopifySandbox shopify;
    private static SandboxedApp env;
    private static Map<String, String> settings;

    @BeforeAll
    static void start() {
        shopify = new ShopifySandbox().start();
        settings = new HashMap<>(Map.of(
                "shopify.shops[0].admin-api-url", shopify.adminApiUrl(),
                "shopify.shops[0].admin-api-token", shopify.accessToken(),
                "reconcile.enabled", "true",
                "reconcile.initial-delay", "1h",
                "stock.push-interval", "1h",
                "admin.password", PASSWORD,
                "setup-check.at-start", "true"));
        env = SandboxedApp.start("jdbc:h2:mem:setup-check;MODE=MySQL;DB_CLOSE_DELAY=-1", settings);
        // The run at start is over before a test changes a sandbox (it found no guest customer and no webhooks).
        await().atMost(Duration.ofSeconds(20)).until(() -> env.app().bean(SetupCheckStatus.class).last().isPresent());
        ProcessingSettings.seedGuestCustomer(env.sandbox());
        subscribeEveryTopic();
    }

    @AfterAll
    static void stop() {
        Closing.all(env, shopify);
    }

    @AfterEach
    void everythingRightAgain() {
        env.sandbox().grantAllPermissions();
        shopify.setAccessScopes(BRIDGE_SCOPES.toArray(String[]::new));
        subscribeEveryTopic();
    }

    @Test
    void allPassWhenBothSandboxesAreSetUpRightAndHealthShowsTheLastResult() throws Exception {
        JsonNode report = JSON.readTree(get("application/json").body());

        assertThat(report.path("checks").findValuesAsText("result")).as(report.toPrettyString()).containsOnly("PASS");
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(report.path("checks").findValuesAsText("check")).contains("ERPNext connection", "clock",
                "permissions Sales Order", "company", "warehouse", "price list", "customer group",
                "territory", "item group", "UOM", "guest customer", "cost center", "receivable account",
                "account default-tax-account", "account shipping-account", "account default-payment-account",
                "Stock Settings item naming", "custom fields", "Shopify " + SHOP + " token",
                "Shopify " + SHOP + " scopes for payments", "Shopify " + SHOP + " scopes for reconciliation",
                "Shopify " + SHOP + " scopes for catalog import", "Shopify " + SHOP + " scopes for order backfill",
                "Shopify " + SHOP + " scopes for stock push", "Shopify " + SHOP + " scopes for price push",
                "Shopify " + SHOP + " webhooks");

        assertThat(JSON.readTree(get("*/*").body()).path("passed").asBoolean()).as("JSON unless text is asked for")
                .isTrue();
        String text = get("text/plain").body();
        assertThat(text.lines()).allMatch(line -> line.startsWith("PASS "))
                .contains("PASS company: Shop Co (USD)");

        JsonNode health = JSON.readTree(HTTP.send(request("/actuator/health").build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("components").path("setupCheck");
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("details").path("failed").asInt()).isZero();
        assertThat(health.path("details").path("passed").asInt()).isEqualTo(report.path("checks").size());
    }

    @Test
    void aMissingMasterIsNamedWithItsFix() throws Exception {
        ObjectNode priceList = env.sandbox().document("Price List", "Standard Selling").orElseThrow();
        env.sandbox().removeDocument("Price List", "Standard Selling");
        try {
            assertThat(failures()).containsExactly("FAIL price list: no Price List 'Standard Selling' in ERPNext:"
                    + " create it or set erpnext.price-list");
        } finally {
            env.sandbox().seedDocument("Price List", priceList);
        }
    }

    @Test
    void anAccountOfAnotherCompanyIsNamed() throws Exception {
        ObjectNode account = env.sandbox().document("Account", "Freight and Forwarding Charges - SC").orElseThrow();
        env.sandbox().seedDocument("Account", account.deepCopy().put("company", "Second Co"));
        try {
            assertThat(failures()).containsExactly("FAIL account shipping-account: Freight and Forwarding Charges - SC"
                    + " belongs to company Second Co, not Shop Co: set erpnext.shipping-account to another account");
        } finally {
            env.sandbox().seedDocument("Account", account);
        }
    }

    @Test
    void aMissingOrNonUniqueCustomFieldIsNamed() throws Exception {
        ObjectNode field = env.sandbox().document("Custom Field", "Sales Order-shopify_order_id").orElseThrow();
        ObjectNode key = env.sandbox().document("Custom Field", "Item-shopify_variant_id").orElseThrow();
        env.sandbox().removeDocument("Custom Field", "Sales Order-shopify_order_id");
        env.sandbox().seedDocument("Custom Field", key.deepCopy().put("unique", 0));
        try {
            assertThat(failures()).singleElement().asString().startsWith("FAIL custom fields: Item.shopify_variant_id"
                    + " not unique, Sales Order.shopify_order_id missing: run the custom-field setup");
        } finally {
            env.sandbox().seedDocument("Custom Field", field);
            env.sandbox().seedDocument("Custom Field", key);
        }
    }

    @Test
    void aPermissionTakenAwayNamesTheDoctypeAndTheRole() throws Exception {
        env.sandbox().refusePermission("Sales Invoice", "submit").refusePermission("Price List", "read");

        assertThat(failures()).containsExactly(
                "FAIL permissions Sales Invoice: the API user may not submit Sales Invoice: give it the role Accounts"
                        + " User",
                "FAIL price list: the API user may not read Price List (HTTP 403): give it a role that reads Price List"
                        + " (docs/erpnext.md, the API user)");
    }

    @Test
    void aRefusedShopifyTokenIsNamed() throws Exception {
        shopify.failNext(1, 401);

        assertThat(failures()).singleElement().asString().startsWith("FAIL Shopify " + SHOP + " token: token refused"
                + " (HTTP 401): set shopify.shops[N].admin-api-token");
    }

    @Test
    void aMissingScopeIsNamedPerFeature() throws Exception {
        shopify.setAccessScopes("read_orders", "read_inventory", "write_products");

        assertThat(failures()).containsExactly(
                "FAIL Shopify " + SHOP + " scopes for stock push: missing write_inventory: add them to the app's Admin"
                        + " API access scopes and reinstall or approve the app");
    }

    @Test
    void aMissingWebhookSubscriptionIsNamed() throws Exception {
        shopify.clearWebhookSubscriptions();
        List.of("ORDERS_CREATE", "ORDERS_UPDATED").forEach(topic -> shopify.putWebhookSubscription(topic, HOOKS));

        assertThat(failures()).singleElement().asString()
                .startsWith("FAIL Shopify " + SHOP + " webhooks: no subscription for APP_UNINSTALLED, CUSTOMERS_CREATE")
                .contains("ORDERS_PAID", "ORDER_TRANSACTIONS_CREATE", "REFUNDS_CREATE")
                .doesNotContain("ORDERS_CREATE,", "ORDERS_UPDATED,");
    }

    /**
     * ERPNext 5 minutes behind the bridge. The JDK's HTTP server stamps every answer's Date header with the real
     * time (the sandbox's settable clock cannot reach it), so the bridge's clock is the one set 5 minutes ahead.
     */
    @Test
    void clocksFiveMinutesApartFail() {
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));
        StaticListableBeanFactory clocks = new StaticListableBeanFactory(Map.of("clock", ahead));
        SetupCheck check = new SetupCheckConfiguration().setupCheck(bean(ErpNextClient.class),
                bean(ErpNextProperties.class), bean(ShopMappings.class), bean(ErpNextMappingProperties.class),
                bean(ShopifyProperties.class), bean(ShopifyAdminClients.class), bean(AuthorityProperties.class),
                bean(StockProperties.class), bean(ReconcileProperties.class), bean(AdminJobProperties.class),
                bean(SetupCheckProperties.class),
                bean(TopicTable.class), clocks.getBeanProvider(Clock.class));

        assertThat(check.run().failures()).singleElement().satisfies(failure -> {
            assertThat(failure.check()).isEqualTo("clock");
            assertThat(failure.detail()).containsPattern("(299|300|301) s apart \\(more than 60 s\\): synchronise both"
                    + " machines with NTP");
        });
    }

    @Test
    void theCommandPrintsTheLinesAndExitsOneOnAnyFailure() {
        Map<String, String> command = ProcessingSettings.against(env.sandbox(), settings);
        command.put("shopify.shops[0].domain", ShopifyWebhookClient.SHOP);
        Output passed = runCommand(command);
        assertThat(passed.exitCode()).as(passed.text()).isZero();
        assertThat(passed.text()).contains("PASS ERPNext connection: " + env.sandbox().baseUrl())
                .contains("PASS Shopify " + SHOP + " webhooks").endsWith("setup check passed\n");

        Map<String, String> secondShop = new HashMap<>(command);
        secondShop.putAll(Map.of("shopify.shops[1].domain", "second.myshopify.com",
                "shopify.shops[1].erpnext.company", "Second Co",
                "shopify.shops[1].erpnext.warehouse", "Stores - S2",
                "shopify.shops[1].erpnext.default-tax-account", "Sales Tax - S2",
                "shopify.shops[1].erpnext.default-payment-account", "Shopify Payments - S2"));
        Output ownMapping = runCommand(secondShop);
        assertThat(ownMapping.exitCode()).isEqualTo(1);
        assertThat(ownMapping.text().lines().filter(line -> line.startsWith("FAIL"))).containsExactly(
                "FAIL shop second.myshopify.com account shipping-account: Freight and Forwarding Charges - SC belongs"
                        + " to company Shop Co, not Second Co: set shopify.shops[1].erpnext.shipping-account to another"
                        + " account");
        assertThat(ownMapping.text()).contains("PASS shop second.myshopify.com company: Second Co (USD)",
                "PASS shop second.myshopify.com cost center: Main - S2");

        command.put("erpnext.api-secret", "wrong-secret");
        command.put("shopify.shops[0].admin-api-token", "shpat_revoked");
        Output refused = runCommand(command);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.text()).contains("FAIL ERPNext connection: ERPNext at " + env.sandbox().baseUrl()
                        + " refused the API key (HTTP 401): set ERPNEXT_API_KEY and ERPNEXT_API_SECRET",
                "FAIL Shopify " + SHOP + " token: token refused (HTTP 401)")
                .doesNotContain("wrong-secret").doesNotContain("shpat_revoked");
    }

    private record Output(int exitCode, String text) {
    }

    private static Output runCommand(Map<String, String> properties) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exitCode = SetupCheckCommand.run(properties.entrySet().stream()
                    .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new));
            return new Output(exitCode, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    /** The shop is subscribed to every topic the bridge routes. */
    private static void subscribeEveryTopic() {
        shopify.clearWebhookSubscriptions();
        WebhookRegistration.subscribedTopics(bean(TopicTable.class))
                .forEach(topic -> shopify.putWebhookSubscription(topic, HOOKS));
    }

    private static <T> T bean(Class<T> type) {
        return env.app().bean(type);
    }

    /** The FAIL lines of a run through GET /admin/setup-check as text/plain. */
    private static List<String> failures() throws Exception {
        return get("text/plain").body().lines().filter(line -> line.startsWith("FAIL")).toList();
    }

    private static HttpResponse<String> get(String accept) throws Exception {
        HttpResponse<String> response = HTTP.send(request("/admin/setup-check").header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + env.app().port() + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
}
