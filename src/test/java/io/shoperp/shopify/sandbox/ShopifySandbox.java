package io.shoperp.shopify.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shoperp.support.LoopbackHttp;
import io.shoperp.shopify.GraphQlIds;
import io.shoperp.shopify.ShopifyAdminClient;
import io.shoperp.shopify.ThrottleStatus;
import io.shoperp.shopify.sandbox.SandboxInventory.LevelChange;
import io.shoperp.shopify.sandbox.SandboxInventory.LevelKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Shopify shop's Admin API as far as the integration uses it, over real HTTP on 127.0.0.1: access-token check,
 * GraphQL {@code orders} (UPDATED_AT order, {@code updated_at:>'ts'} filter, cursor pages), the REST order and its
 * transactions, the
 * {@code available} quantity query and {@code inventorySetQuantities} (compare-and-set, {@code @idempotent} keys),
 * variant prices read through {@code nodes(ids:)} and set through {@code productVariantsBulkUpdate}, throttled answers
 * on demand, and signed webhooks to the app, including the inventory_levels/update echo of every inventory change and
 * the products/update echo of every price change, the app's webhook subscriptions ({@code webhookSubscriptions},
 * {@code webhookSubscriptionCreate}, {@code webhookSubscriptionUpdate}), the shop's {@code locations} and the app's
 * granted scopes ({@code currentAppInstallation { accessScopes { handle } }}), the catalog as the import pages it
 * ({@code products} with nested {@code variants}, refused above 1,000 cost points, {@code product(id:)} for more
 * variants, {@code productsCount}) and {@code ordersCount} with the {@code updated_at} filters (>, >=, <, <=). GraphQL is not parsed: a request is recognised by its root field and its arguments are read from
 * the variables ShopifyAdminClient sends. Standalone use drives it through /__sandbox (see {@link ShopifySandboxMain}).
 */
public class ShopifySandbox implements AutoCloseable {

    public static final String DEFAULT_ACCESS_TOKEN = "shpat_sandbox";
    public static final String API_VERSION = "2026-10";

    static {
        // The JDK server writes headers and body separately; with Nagle on, each answer waits ~40 ms for an ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Logger log = LoggerFactory.getLogger(ShopifySandbox.class);

    private static final Pattern API_PATH = Pattern.compile(
            "/admin/api/([^/]+)/(graphql\\.json|orders/(\\d+)\\.json|orders/(\\d+)/transactions\\.json)");
    private static final Pattern IDEMPOTENT_KEY = Pattern.compile("@idempotent\\(\\s*key:\\s*\"([^\"]+)\"\\s*\\)");
    /** The shop's time zone (Shopify's "America/New_York" default), in which it writes webhook times. */
    private static final DateTimeFormatter SHOP_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME
            .withZone(ZoneId.of("America/New_York"));
    private static final String CONTROL_PREFIX = "/__sandbox/";
    private static final int MAX_PAGE_SIZE = 250;
    private static final int ECHO_ATTEMPTS = 5;
    private static final Duration ECHO_RETRY_DELAY = Duration.ofMillis(500);

    private record EchoTarget(String appUrl, String shopDomain, String secret) {
    }

    /** An HTTP error answer queued for the next API request; {@code retryAfter} only for 429. */
    private record HttpFault(int status, Duration retryAfter) {
    }

    /** A GraphQL answer with top-level errors (HTTP 200, as Shopify answers them). */
    private static final class GraphQlError extends RuntimeException {
        private final String code;

        GraphQlError(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final SandboxOrders orders = new SandboxOrders();
    private final SandboxInventory inventory = new SandboxInventory(json);
    private final SandboxProducts products = new SandboxProducts(json);
    private final SandboxWebhooks webhooks = new SandboxWebhooks();
    private final SandboxWebhookSubscriptions subscriptions = new SandboxWebhookSubscriptions(json);
    private final SandboxLocations locations = new SandboxLocations(json);
    /** What an install granted; the scopes of the calls the bridge makes until a test says otherwise. */
    private volatile List<String> accessScopes = List.of("read_customers", "read_inventory", "write_inventory",
            "read_locations", "read_orders", "read_products", "write_products");
    private final Queue<HttpFault> httpFaults = new ConcurrentLinkedQueue<>();
    private final Queue<ObjectNode> throttledCosts = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private final Map<Long, List<ObjectNode>> transactions = new ConcurrentHashMap<>();
    private final AtomicInteger accessDenials = new AtomicInteger();
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("shopify-sandbox"));
    /** One thread so echoes leave in the order the changes happened. */
    private final ExecutorService echoes = Executors.newSingleThreadExecutor(daemon("shopify-sandbox-echo"));
    private final String accessToken;
    private volatile EchoTarget echoTarget;
    private volatile EchoTarget productEchoTarget;
    private final AtomicInteger pendingEchoes = new AtomicInteger();
    private volatile int port;
    private HttpServer server;

    /** A sandbox on a free port accepting {@link #DEFAULT_ACCESS_TOKEN}. */
    public ShopifySandbox() {
        this(0, DEFAULT_ACCESS_TOKEN);
    }

    public ShopifySandbox(int port, String accessToken) {
        this.port = port;
        this.accessToken = accessToken;
    }

    public synchronized ShopifySandbox start() {
        server = LoopbackHttp.listen(port, workers, this::handle);
        port = server.getAddress().getPort();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        workers.shutdownNow();
        echoes.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    /** What {@code shopify.shops[N].admin-api-url} is set to. */
    public String adminApiUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String accessToken() {
        return accessToken;
    }

    // ---- state for tests ----

    /** Stores (or replaces) an order: its REST JSON is served byte for byte. */
    public ShopifySandbox putOrder(long id, Instant updatedAt, byte[] restJson) {
        orders.put(new SandboxOrders.StoredOrder(id, updatedAt, restJson.clone()));
        return this;
    }

    /** Stores an order whose REST JSON holds only id, admin_graphql_api_id and updated_at. */
    public ShopifySandbox putOrder(long id, Instant updatedAt) {
        ObjectNode order = json.createObjectNode().put("id", id)
                .put("admin_graphql_api_id", GraphQlIds.gid("Order", id)).put("updated_at", updatedAt.toString());
        return putOrder(id, updatedAt, order.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sets the order's payment transactions as GET orders/&lt;id&gt;/transactions.json lists them (an order without any
     * set answers an empty list, as Shopify does for an order nobody paid yet).
     */
    public ShopifySandbox putTransactions(long orderId, List<ObjectNode> orderTransactions) {
        transactions.put(orderId, orderTransactions.stream().map(ObjectNode::deepCopy).toList());
        return this;
    }

    /**
     * A transaction shaped as the REST API and the order_transactions/create webhook carry it: amount a decimal string,
     * created_at and processed_at in the shop's time zone; {@code parentId} (the authorization a capture takes) may be null.
     */
    public static ObjectNode transaction(long id, long orderId, String kind, String gateway, String status, String amount,
                                         Instant processedAt, Long parentId) {
        ObjectNode transaction = new ObjectMapper().createObjectNode().put("id", id).put("order_id", orderId)
                .put("kind", kind).put("gateway", gateway).put("status", status).put("amount", amount)
                .put("currency", "USD").put("created_at", shopTime(processedAt)).put("processed_at", shopTime(processedAt))
                .put("authorization", "auth-" + (parentId != null ? parentId : id)).put("test", false);
        if (parentId == null) {
            transaction.putNull("parent_id");
        } else {
            transaction.put("parent_id", parentId);
        }
        return transaction;
    }

    public ShopifySandbox setAvailable(long inventoryItemId, long locationId, int available) {
        inventory.setLevel(new LevelKey(inventoryItemId, locationId), available);
        return this;
    }

    /** A product with one variant (more variants: call again with the same product); "Default Title" as its title. */
    public ShopifySandbox putVariant(long productId, long variantId, String sku, long inventoryItemId, String price) {
        products.putVariant(productId, "Product " + productId, variantId, sku, inventoryItemId, new BigDecimal(price));
        return this;
    }

    public Optional<BigDecimal> variantPrice(long variantId) {
        return products.price(variantId);
    }

    /** How many times productVariantsBulkUpdate changed the variant's price (a merchant's edit not counted). */
    public int priceWrites(long variantId) {
        return products.priceWrites(variantId);
    }

    /** A merchant changes the price in the Shopify admin: Shopify sends products/update like for any change. */
    public void merchantSetsPrice(long variantId, String price) {
        echoProduct(products.setPrice(variantId, new BigDecimal(price)));
    }

    /** Every product as REST JSON. */
    List<ObjectNode> products() {
        return products.all();
    }

    /** The product's REST JSON, what its products/* webhooks carry. */
    public byte[] productJson(long productId) {
        return products.restJson(productId).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Echo webhooks (inventory_levels/update, products/update) not delivered yet. */
    public int pendingEchoes() {
        return pendingEchoes.get();
    }

    /** Empty when the item is not stocked at the location. */
    public OptionalInt available(long inventoryItemId, long locationId) {
        return inventory.available(new LevelKey(inventoryItemId, locationId));
    }

    /** How many times inventorySetQuantities changed this level (replays and refused calls excluded). */
    public int inventoryWrites(long inventoryItemId, long locationId) {
        return inventory.writeCount(new LevelKey(inventoryItemId, locationId));
    }

    /** A customer buys {@code quantity}: available drops, and the change is echoed like any other. */
    public void simulateSale(long inventoryItemId, long locationId, int quantity) {
        echo(List.of(inventory.sell(new LevelKey(inventoryItemId, locationId), quantity)));
    }

    /**
     * Authenticated API requests received, by "graphql &lt;root field&gt;", "rest order" or "rest transactions",
     * throttled ones included.
     */
    public int requestCount(String kind) {
        AtomicInteger count = requestCounts.get(kind);
        return count == null ? 0 : count.get();
    }

    // ---- webhook subscriptions, locations, access scopes ----

    /** One of the app's webhook subscriptions, as created by the API; id order is creation order. */
    public record WebhookSubscription(long id, String topic, String uri) {
    }

    /** Stores a subscription made before the test (by an older deployment, another host, ...); returns its id. */
    public long putWebhookSubscription(String topicEnum, String uri) {
        return subscriptions.seed(topicEnum, uri).id();
    }

    /** Leaves the app without subscriptions, e.g. before a test seeds only some. */
    public ShopifySandbox clearWebhookSubscriptions() {
        subscriptions.clear();
        return this;
    }

    /** The app's subscriptions now, oldest first. */
    public List<WebhookSubscription> webhookSubscriptions() {
        return subscriptions.all().stream().map(s -> new WebhookSubscription(s.id(), s.topic(), s.uri())).toList();
    }

    public ShopifySandbox putLocation(long id, String name, boolean active) {
        locations.put(new SandboxLocations.Location(id, name, active));
        return this;
    }

    /** Replaces the scopes the app was granted, e.g. to leave one out. */
    public ShopifySandbox setAccessScopes(String... handles) {
        accessScopes = List.of(handles);
        return this;
    }

    // ---- throttling on demand ----

    /** The next {@code calls} GraphQL requests answer THROTTLED with this bucket state and requested cost. */
    public ShopifySandbox throttleNext(int calls, ThrottleStatus status, double requestedCost) {
        for (int i = 0; i < calls; i++) {
            ObjectNode cost = json.createObjectNode().put("requestedQueryCost", requestedCost);
            cost.putNull("actualQueryCost");
            cost.putObject("throttleStatus").put("maximumAvailable", status.maximumAvailable())
                    .put("currentlyAvailable", status.currentlyAvailable()).put("restoreRate", status.restoreRate());
            throttledCosts.add(cost);
        }
        return this;
    }

    /** The next {@code calls} API requests (GraphQL or REST) answer HTTP 429 with this Retry-After. */
    public ShopifySandbox rateLimitNext(int calls, Duration retryAfter) {
        for (int i = 0; i < calls; i++) {
            httpFaults.add(new HttpFault(429, retryAfter));
        }
        return this;
    }

    /** The next {@code calls} GraphQL requests answer ACCESS_DENIED, as for a token without the query's scope. */
    public ShopifySandbox denyAccessNext(int calls) {
        accessDenials.addAndGet(calls);
        return this;
    }

    /** The next {@code calls} API requests (GraphQL or REST) answer with this HTTP error status, e.g. 503. */
    public ShopifySandbox failNext(int calls, int status) {
        for (int i = 0; i < calls; i++) {
            httpFaults.add(new HttpFault(status, null));
        }
        return this;
    }

    // ---- webhooks ----

    /**
     * Sends every inventory change from now on (writes through the API and simulated sales) as an
     * inventory_levels/update webhook to the app, asynchronously and in order, as Shopify would.
     */
    public ShopifySandbox echoInventoryTo(String appUrl, String shopDomain, String secret) {
        echoTarget = new EchoTarget(appUrl, shopDomain, secret);
        return this;
    }

    /**
     * Sends every product change from now on (prices set through the API and merchants' edits) as a products/update
     * webhook with the product's REST JSON to the app, asynchronously and in order, as Shopify would.
     */
    public ShopifySandbox echoProductsTo(String appUrl, String shopDomain, String secret) {
        productEchoTarget = new EchoTarget(appUrl, shopDomain, secret);
        return this;
    }

    /** Delivers one signed webhook now; returns the app's HTTP status. */
    public int sendWebhook(String appUrl, String shopDomain, String secret, String topic, byte[] body) {
        return webhooks.send(appUrl, shopDomain, secret, topic, API_VERSION, UUID.randomUUID().toString(), body);
    }

    private void echo(List<LevelChange> changes) {
        EchoTarget target = echoTarget;
        if (target == null || changes.isEmpty()) {
            return;
        }
        Instant updatedAt = Instant.now();
        for (LevelChange change : changes) {
            sendEcho(target, "inventory_levels/update", change, levelPayload(change, updatedAt));
        }
    }

    private void echoProduct(long productId) {
        EchoTarget target = productEchoTarget;
        if (target != null) {
            sendEcho(target, "products/update", "product " + productId, productJson(productId));
        }
    }

    private void sendEcho(EchoTarget target, String topic, Object change, byte[] body) {
        pendingEchoes.incrementAndGet();
        echoes.execute(() -> {
            try {
                echoWithRetries(target, topic, change, body);
            } finally {
                pendingEchoes.decrementAndGet();
            }
        });
    }

    /** Like Shopify, a delivery the app did not take (not 2xx, or no answer) is sent again with the same id. */
    private void echoWithRetries(EchoTarget target, String topic, Object change, byte[] body) {
        String webhookId = UUID.randomUUID().toString();
        for (int attempt = 1; attempt <= ECHO_ATTEMPTS; attempt++) {
            try {
                int status = webhooks.send(target.appUrl(), target.shopDomain(), target.secret(), topic, API_VERSION,
                        webhookId, body);
                log.debug("{} echo of {} answered {}", topic, change, status);
                if (status / 100 == 2) {
                    return;
                }
            } catch (RuntimeException e) {
                log.warn("{} echo of {} failed: {}", topic, change, e.getMessage());
            }
            try {
                Thread.sleep(ECHO_RETRY_DELAY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** As Shopify writes a webhook's times: whole seconds, in the shop's time zone ("2026-12-03T07:15:02-05:00"). */
    public static String shopTime(Instant time) {
        return SHOP_TIME.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    private byte[] levelPayload(LevelChange change, Instant updatedAt) {
        long item = change.level().inventoryItemId();
        long location = change.level().locationId();
        return json.createObjectNode()
                .put("inventory_item_id", item)
                .put("location_id", location)
                .put("available", change.available())
                .put("updated_at", shopTime(updatedAt))
                .put("admin_graphql_api_id", GraphQlIds.gid("InventoryLevel", location) + "?inventory_item_id=" + item)
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith(CONTROL_PREFIX)) {
                respond(exchange, 200, SandboxControl.handle(this, exchange.getRequestMethod(),
                        path.substring(CONTROL_PREFIX.length()), readJson(exchange)));
                return;
            }
            Matcher api = API_PATH.matcher(path);
            if (!api.matches()) {
                respond(exchange, 404, errorsText("Not Found"));
                return;
            }
            if (!accessToken.equals(exchange.getRequestHeaders().getFirst(ShopifyAdminClient.ACCESS_TOKEN_HEADER))) {
                respond(exchange, 401, errorsText("[API] Invalid API key or access token (unrecognized login or wrong password)"));
                return;
            }
            if (api.group(3) != null) {
                count("rest order");
                if (!answeredWithFault(exchange)) {
                    serveOrder(exchange, Long.parseLong(api.group(3)));
                }
            } else if (api.group(4) != null) {
                count("rest transactions");
                if (!answeredWithFault(exchange)) {
                    ObjectNode answer = json.createObjectNode();
                    answer.putArray("transactions").addAll(transactions.getOrDefault(Long.parseLong(api.group(4)), List.of()));
                    respond(exchange, 200, answer);
                }
            } else if ("POST".equals(exchange.getRequestMethod())) {
                serveGraphQl(exchange);
            } else {
                respond(exchange, 405, errorsText("GraphQL takes POST"));
            }
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, errorsText(e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("sandbox failed on {}", exchange.getRequestURI(), e);
            respond(exchange, 500, errorsText("Internal error: " + e));
        } finally {
            exchange.close();
        }
    }

    private boolean answeredWithFault(HttpExchange exchange) throws IOException {
        HttpFault fault = httpFaults.poll();
        if (fault == null) {
            return false;
        }
        if (fault.retryAfter() != null) {
            // Shopify writes decimal seconds.
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(fault.retryAfter().toMillis() / 1000.0));
        }
        respond(exchange, fault.status(), errorsText(fault.status() == 429
                ? "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."
                : "Injected by the sandbox: HTTP " + fault.status()));
        return true;
    }

    private void serveOrder(HttpExchange exchange, long id) throws IOException {
        SandboxOrders.StoredOrder order = orders.find(id).orElse(null);
        if (order == null) {
            respond(exchange, 404, errorsText("Not Found"));
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"order\":".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(order.restJson());
        body.writeBytes("}".getBytes(StandardCharsets.UTF_8));
        respond(exchange, 200, body.toByteArray());
    }

    private void serveGraphQl(HttpExchange exchange) throws IOException {
        JsonNode request = readJson(exchange);
        String query = request.path("query").asText("");
        JsonNode variables = request.path("variables");
        String rootField = query.contains("webhookSubscriptionCreate(") ? "webhookSubscriptionCreate"
                : query.contains("webhookSubscriptionUpdate(") ? "webhookSubscriptionUpdate"
                : query.contains("webhookSubscriptions(") ? "webhookSubscriptions"
                : query.contains("locations(") ? "locations"
                : query.contains("currentAppInstallation") ? "currentAppInstallation"
                : query.contains("inventorySetQuantities(") ? "inventorySetQuantities"
                : query.contains("productVariantsBulkUpdate(") ? "productVariantsBulkUpdate"
                : query.contains("nodes(") ? "nodes"
                : query.contains("inventoryItem(") ? "inventoryItem"
                : query.contains("productsCount") ? "productsCount"
                : query.contains("products(") ? "products"
                : query.contains("product(") ? "product"
                : query.contains("ordersCount(") ? "ordersCount"
                : query.contains("orders(") ? "orders" : "unsupported";
        count("graphql " + rootField);
        if (answeredWithFault(exchange)) {
            return;
        }
        if (accessDenials.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            respond(exchange, 200, errors("ACCESS_DENIED", "Access denied for " + rootField
                    + " field. Required access: `read_inventory` access scope."));
            return;
        }
        ObjectNode throttledCost = throttledCosts.poll();
        if (throttledCost != null) {
            ObjectNode answer = errors("THROTTLED", "Throttled");
            answer.putObject("extensions").set("cost", throttledCost);
            respond(exchange, 200, answer);
            return;
        }
        ObjectNode answer;
        try {
            ObjectNode data = json.createObjectNode();
            switch (rootField) {
                case "inventorySetQuantities" -> data.set(rootField, setQuantities(query, variables));
                case "inventoryItem" -> data.set(rootField, inventoryItem(variables));
                case "productVariantsBulkUpdate" -> data.set(rootField, updateVariants(variables));
                case "nodes" -> data.set(rootField, variantNodes(variables));
                case "orders" -> data.set(rootField, ordersPage(query, variables));
                case "ordersCount" -> data.set(rootField, count(badRequestAsError(() -> json.getNodeFactory().numberNode(
                        orders.count(SandboxOrders.updatedAtFilter(variables.path("query").asText(""))))).asLong()));
                case "productsCount" -> data.set(rootField, count(products.count()));
                case "products" -> data.set(rootField, badRequestAsError(() -> products.catalogPage(variables)));
                case "product" -> data.set(rootField, badRequestAsError(() -> products.variantsOf(variables)));
                case "webhookSubscriptions" -> data.set(rootField, badRequestAsError(() -> subscriptions.page(variables)));
                case "webhookSubscriptionCreate" -> data.set(rootField,
                        badRequestAsError(() -> subscriptions.create(variables)));
                case "webhookSubscriptionUpdate" -> data.set(rootField, subscriptions.update(variables));
                case "locations" -> data.set(rootField, badRequestAsError(() -> locations.page(query, variables)));
                case "currentAppInstallation" -> data.set(rootField, appInstallation());
                default -> throw new GraphQlError("UNSUPPORTED", "The sandbox does not implement this query");
            }
            answer = json.createObjectNode().set("data", data);
        } catch (GraphQlError e) {
            answer = errors(e.code, e.getMessage());
        }
        respond(exchange, 200, answer);
    }

    /** Shopify answers a bad argument (page size, cursor, enum value) with a top-level error. */
    private static JsonNode badRequestAsError(Supplier<JsonNode> serve) {
        try {
            return serve.get();
        } catch (IllegalArgumentException e) {
            throw new GraphQlError("BAD_REQUEST", e.getMessage());
        }
    }

    /** Shopify's Count object; {@code limit: null} asks for the exact count, which is what the sandbox gives. */
    private ObjectNode count(long count) {
        return json.createObjectNode().put("count", count).put("precision", "EXACT");
    }

    private ObjectNode appInstallation() {
        ObjectNode installation = json.createObjectNode();
        ArrayNode scopes = installation.putArray("accessScopes");
        accessScopes.forEach(handle -> scopes.addObject().put("handle", handle));
        return installation;
    }

    private ObjectNode setQuantities(String query, JsonNode variables) {
        Matcher key = IDEMPOTENT_KEY.matcher(query);
        if (!key.find()) {
            // From 2026-04 Shopify refuses the mutation without the directive.
            throw new GraphQlError("BAD_REQUEST", "inventorySetQuantities requires @idempotent(key:)");
        }
        SandboxInventory.SetOutcome outcome;
        try {
            outcome = inventory.setQuantities(key.group(1), variables.path("input"));
        } catch (IllegalArgumentException badId) {
            throw new GraphQlError("BAD_REQUEST", badId.getMessage());
        }
        echo(outcome.changes());
        return outcome.payload();
    }

    private JsonNode updateVariants(JsonNode variables) {
        SandboxProducts.BulkOutcome outcome;
        try {
            outcome = products.bulkUpdate(variables);
        } catch (IllegalArgumentException badId) {
            throw new GraphQlError("BAD_REQUEST", badId.getMessage());
        }
        outcome.changedProduct().ifPresent(this::echoProduct);
        return outcome.payload();
    }

    private JsonNode variantNodes(JsonNode variables) {
        if (variables.path("ids").size() > MAX_PAGE_SIZE) {
            throw new GraphQlError("MAX_INPUT_SIZE_EXCEEDED", "The input array size of " + variables.path("ids").size()
                    + " is greater than the maximum allowed of " + MAX_PAGE_SIZE + ".");
        }
        try {
            return products.variantNodes(variables.path("ids"));
        } catch (IllegalArgumentException badId) {
            throw new GraphQlError("BAD_REQUEST", badId.getMessage());
        }
    }

    private JsonNode inventoryItem(JsonNode variables) {
        LevelKey level;
        try {
            level = new LevelKey(GraphQlIds.numericId("InventoryItem", variables.path("inventoryItemId").asText()),
                    GraphQlIds.numericId("Location", variables.path("locationId").asText()));
        } catch (IllegalArgumentException badId) {
            throw new GraphQlError("BAD_REQUEST", badId.getMessage());
        }
        OptionalInt available = inventory.available(level);
        ObjectNode item = json.createObjectNode();
        if (available.isEmpty()) {
            item.putNull("inventoryLevel");
        } else {
            item.putObject("inventoryLevel").putArray("quantities").addObject()
                    .put("name", "available").put("quantity", available.getAsInt());
        }
        return item;
    }

    private ObjectNode ordersPage(String query, JsonNode variables) {
        if (!query.replaceAll("\\s", "").contains("sortKey:UPDATED_AT")) {
            throw new GraphQlError("UNSUPPORTED", "The sandbox pages orders only with sortKey: UPDATED_AT");
        }
        int first = variables.path("first").asInt(0);
        if (first < 1 || first > MAX_PAGE_SIZE) {
            throw new GraphQlError("BAD_REQUEST", "first must be 1.." + MAX_PAGE_SIZE);
        }
        SandboxOrders.Page page;
        try {
            String after = variables.path("after").isTextual() ? variables.path("after").asText() : null;
            page = orders.page(SandboxOrders.updatedAtFilter(variables.path("query").asText("")), after, first);
        } catch (DateTimeParseException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new GraphQlError("BAD_REQUEST", "Invalid cursor or updated_at filter: " + e.getMessage());
        }
        ObjectNode connection = json.createObjectNode();
        ObjectNode pageInfo = connection.putObject("pageInfo").put("hasNextPage", page.hasNextPage());
        pageInfo.put("endCursor", page.endCursor());
        ArrayNode nodes = connection.putArray("nodes");
        page.orders().forEach(order -> nodes.addObject()
                .put("id", GraphQlIds.gid("Order", order.id())).put("updatedAt", order.updatedAt().toString()));
        return connection;
    }

    List<ObjectNode> inventoryLevels() {
        return inventory.levels();
    }

    private void count(String kind) {
        requestCounts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    private ObjectNode errors(String code, String message) {
        ObjectNode answer = json.createObjectNode();
        answer.putArray("errors").addObject().put("message", message).putObject("extensions").put("code", code);
        return answer;
    }

    private ObjectNode errorsText(String message) {
        return json.createObjectNode().put("errors", message);
    }

    private JsonNode readJson(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            return body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        respond(exchange, status, json.writeValueAsBytes(body));
    }

    private void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
