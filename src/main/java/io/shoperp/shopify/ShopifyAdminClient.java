package io.shoperp.shopify;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls the integration makes to one shop's Admin API: orders updated since a watermark (reconciliation), the
 * REST order those stand for, an order's payment transactions (REST, scope read_orders), {@code available} stock read
 * and set with compare-and-set plus an idempotency key (stock push), and variant prices read and set per product
 * (price push), the app's webhook subscriptions listed, created and pointed elsewhere, and the shop's locations.
 * Throttled calls are retried in-process within {@link ShopifyAdminSettings}' bound, longer waits
 * surface as {@link ShopifyThrottledException}. The access token is sent as a header and appears nowhere else.
 * Every HTTP call, throttled and failed ones included, is timed as {@value #REQUESTS_METER} tagged {@code shop},
 * {@code operation} (the GraphQL root field, or {@value #REST_ORDER} / {@value #REST_TRANSACTIONS} for the REST
 * resources), {@code method} and
 * {@code status} (the HTTP status, or {@value #NO_STATUS} when no answer came).
 */
public class ShopifyAdminClient {

    public static final String ACCESS_TOKEN_HEADER = "X-Shopify-Access-Token";
    public static final int MAX_PAGE_SIZE = 250;
    public static final String STALE_CODE = "CHANGE_FROM_QUANTITY_STALE";

    /** Timer per HTTP call; Prometheus shows it as {@code shopify_admin_requests_seconds_*}. */
    public static final String REQUESTS_METER = "shopify.admin.requests";
    /** The {@code status} tag of a call that got no HTTP answer. */
    public static final String NO_STATUS = "none";
    /** {@code operation} tags: the GraphQL root fields queried or mutated, and the REST resource read. */
    public static final String GRAPHQL_ORDERS = "orders";
    public static final String GRAPHQL_INVENTORY_ITEM = "inventoryItem";
    public static final String GRAPHQL_INVENTORY_SET_QUANTITIES = "inventorySetQuantities";
    public static final String GRAPHQL_NODES = "nodes";
    public static final String GRAPHQL_VARIANTS_BULK_UPDATE = "productVariantsBulkUpdate";
    public static final String GRAPHQL_WEBHOOK_SUBSCRIPTIONS = "webhookSubscriptions";
    public static final String GRAPHQL_WEBHOOK_SUBSCRIPTION_CREATE = "webhookSubscriptionCreate";
    public static final String GRAPHQL_WEBHOOK_SUBSCRIPTION_UPDATE = "webhookSubscriptionUpdate";
    public static final String GRAPHQL_LOCATIONS = "locations";
    public static final String GRAPHQL_APP_INSTALLATION = "currentAppInstallation";
    public static final String GRAPHQL_PRODUCTS = "products";
    public static final String GRAPHQL_PRODUCT = "product";
    public static final String GRAPHQL_PRODUCTS_COUNT = "productsCount";
    public static final String GRAPHQL_ORDERS_COUNT = "ordersCount";
    public static final String REST_ORDER = "order";
    public static final String REST_TRANSACTIONS = "transactions";

    private static final Logger log = LoggerFactory.getLogger(ShopifyAdminClient.class);

    /** What a key may hold so it can be written into the query text, where Shopify documents the directive. */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,255}");
    /** REST always sends Retry-After with a 429; without it, one second lets its 2-per-second bucket drain. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    private static final int MAX_ERROR_TEXT = 300;

    private static final String ORDERS_QUERY = """
            query OrdersUpdatedSince($first: Int!, $after: String, $query: String!) {
              orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
                pageInfo { hasNextPage endCursor }
                nodes { id updatedAt }
              }
            }""";
    private static final String ORDERS_COUNT_QUERY = """
            query OrdersCount($query: String!) {
              ordersCount(query: $query, limit: null) { count precision }
            }""";
    /**
     * Products per catalog page, each with up to {@value #VARIANTS_PER_PRODUCT} variants: Shopify refuses a query whose
     * requested cost passes 1,000 points, and 8 x (1 + 50 x 2) stays below it. A product with more variants has the
     * rest read through {@link #PRODUCT_VARIANTS_QUERY}.
     */
    public static final int CATALOG_PAGE_SIZE = 8;
    static final int VARIANTS_PER_PRODUCT = 50;
    private static final String VARIANT_FIELDS = "id title sku price updatedAt inventoryItem { id requiresShipping }";
    private static final String CATALOG_QUERY = """
            query CatalogPage($first: Int!, $after: String, $variants: Int!) {
              products(first: $first, after: $after, sortKey: ID) {
                pageInfo { hasNextPage endCursor }
                nodes {
                  id title status productType updatedAt
                  variants(first: $variants) { pageInfo { hasNextPage endCursor } nodes { %s } }
                }
              }
            }""".formatted(VARIANT_FIELDS);
    private static final String PRODUCT_VARIANTS_QUERY = """
            query MoreVariants($id: ID!, $first: Int!, $after: String) {
              product(id: $id) {
                variants(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { %s } }
              }
            }""".formatted(VARIANT_FIELDS);
    private static final String PRODUCTS_COUNT_QUERY = """
            query ProductsCount {
              productsCount(limit: null) { count precision }
            }""";
    private static final String AVAILABLE_QUERY = """
            query AvailableQuantity($inventoryItemId: ID!, $locationId: ID!) {
              inventoryItem(id: $inventoryItemId) {
                inventoryLevel(locationId: $locationId) {
                  quantities(names: ["available"]) { name quantity }
                }
              }
            }""";
    private static final String SET_AVAILABLE_MUTATION = """
            mutation SetAvailable($input: InventorySetQuantitiesInput!) {
              inventorySetQuantities(input: $input) @idempotent(key: "%s") {
                inventoryAdjustmentGroup { id }
                userErrors { code field message }
              }
            }""";

    private static final String VARIANT_PRICES_QUERY = """
            query VariantPrices($ids: [ID!]!) {
              nodes(ids: $ids) {
                ... on ProductVariant { id price product { id } }
              }
            }""";
    private static final String UPDATE_PRICES_MUTATION = """
            mutation UpdateVariantPrices($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
              productVariantsBulkUpdate(productId: $productId, variants: $variants) {
                productVariants { id price }
                userErrors { field message }
              }
            }""";

    // uri, not the deprecated callbackUrl: it is the one field for every kind of endpoint (HTTPS, Pub/Sub, EventBridge).
    private static final String WEBHOOK_SUBSCRIPTIONS_QUERY = """
            query WebhookSubscriptions($first: Int!, $after: String) {
              webhookSubscriptions(first: $first, after: $after) {
                pageInfo { hasNextPage endCursor }
                nodes { id topic uri }
              }
            }""";
    private static final String CREATE_WEBHOOK_SUBSCRIPTION_MUTATION = """
            mutation CreateWebhookSubscription($topic: WebhookSubscriptionTopic!, $subscription: WebhookSubscriptionInput!) {
              webhookSubscriptionCreate(topic: $topic, webhookSubscription: $subscription) {
                webhookSubscription { id topic uri }
                userErrors { field message }
              }
            }""";
    private static final String UPDATE_WEBHOOK_SUBSCRIPTION_MUTATION = """
            mutation UpdateWebhookSubscription($id: ID!, $subscription: WebhookSubscriptionInput!) {
              webhookSubscriptionUpdate(id: $id, webhookSubscription: $subscription) {
                webhookSubscription { id topic uri }
                userErrors { field message }
              }
            }""";
    private static final String LOCATIONS_QUERY = """
            query Locations($first: Int!, $after: String) {
              locations(first: $first, after: $after, includeInactive: true) {
                pageInfo { hasNextPage endCursor }
                nodes { id name isActive }
              }
            }""";
    private static final String ACCESS_SCOPES_QUERY = """
            query AccessScopes {
              currentAppInstallation { accessScopes { handle } }
            }""";

    /** An order Shopify changed, as the reconciler needs it to decide whether to fetch and replay it. */
    public record OrderUpdate(long id, Instant updatedAt) {
    }

    /**
     * A product as the catalog import reads it: {@code restJson} has the shape of a products/update webhook body (id,
     * title, status, product_type, updated_at and every variant with its sku, price, inventory_item_id and
     * requires_shipping), built from the GraphQL answer.
     */
    public record CatalogProduct(long id, Instant updatedAt, byte[] restJson) {
    }

    /** One page of the catalog in id order; pass {@code endCursor} to get the next while {@code hasNextPage}. */
    public record CatalogPage(List<CatalogProduct> products, boolean hasNextPage, String endCursor) {
        public CatalogPage {
            products = List.copyOf(products);
        }
    }

    /** One page of orders in updated order; pass {@code endCursor} to get the next while {@code hasNextPage}. */
    public record OrdersPage(List<OrderUpdate> orders, boolean hasNextPage, String endCursor) {
        public OrdersPage {
            orders = List.copyOf(orders);
        }
    }

    private record Answer(int status, byte[] body, Optional<String> retryAfter) {
    }

    private final String apiBase;
    private final String accessToken;
    private final ShopifyAdminSettings settings;
    private final HttpClient http;
    private final String shop;
    private final MeterRegistry meters;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * A client for tests and tools: its calls are timed in a registry of its own that nothing publishes, with the host
     * of {@code adminApiUrl} as the {@code shop} tag.
     */
    public ShopifyAdminClient(String adminApiUrl, String accessToken, ShopifyAdminSettings settings) {
        this(null, adminApiUrl, accessToken, settings, new SimpleMeterRegistry());
    }

    /**
     * @param shop   the {@code shop} tag of its timings, the normalised shop domain as other metrics spell it; null
     *               for the host of {@code adminApiUrl}
     * @param meters where every call is timed as {@value #REQUESTS_METER}
     */
    public ShopifyAdminClient(String shop, String adminApiUrl, String accessToken, ShopifyAdminSettings settings,
            MeterRegistry meters) {
        if (adminApiUrl == null || adminApiUrl.isBlank()) {
            throw new IllegalArgumentException("admin API url is empty");
        }
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("admin API token is empty");
        }
        this.shop = shop != null && !shop.isBlank() ? shop : hostOf(adminApiUrl);
        this.meters = Objects.requireNonNull(meters, "meters");
        this.apiBase = adminApiUrl.replaceAll("/+$", "") + "/admin/api/" + settings.apiVersion();
        this.accessToken = accessToken;
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .build();
    }

    /**
     * Orders updated strictly after {@code since}, oldest update first.
     *
     * @param cursor   the previous page's {@code endCursor}, null for the first page
     * @param pageSize 1 to {@value #MAX_PAGE_SIZE}
     */
    public OrdersPage ordersUpdatedSince(Instant since, String cursor, int pageSize) {
        // Whole seconds, rounded down: a watermark with a fraction must not skip an order of the same second.
        return orders("orders updated since " + since, "updated_at:>'" + since.truncatedTo(ChronoUnit.SECONDS) + "'",
                cursor, pageSize);
    }

    /**
     * Orders updated from {@code from} (inclusive) until {@code to} (exclusive), oldest update first; both whole
     * seconds.
     */
    public OrdersPage ordersUpdatedBetween(Instant from, Instant to, String cursor, int pageSize) {
        return orders("orders updated from " + from + " to " + to, updatedBetween(from, to), cursor, pageSize);
    }

    /** How many orders were updated from {@code from} (inclusive) until {@code to} (exclusive). */
    public long ordersUpdatedBetweenCount(Instant from, Instant to) {
        ObjectNode variables = json.createObjectNode().put("query", updatedBetween(from, to));
        return graphQl("count orders updated from " + from + " to " + to, GRAPHQL_ORDERS_COUNT, ORDERS_COUNT_QUERY,
                variables).path(GRAPHQL_ORDERS_COUNT).path("count").asLong();
    }

    private static String updatedBetween(Instant from, Instant to) {
        return "updated_at:>='" + from.truncatedTo(ChronoUnit.SECONDS) + "' updated_at:<'"
                + to.truncatedTo(ChronoUnit.SECONDS) + "'";
    }

    private OrdersPage orders(String operation, String query, String cursor, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1.." + MAX_PAGE_SIZE + ": " + pageSize);
        }
        ObjectNode variables = json.createObjectNode()
                .put("first", pageSize)
                .put("after", cursor)
                .put("query", query);
        JsonNode orders = graphQl(operation, GRAPHQL_ORDERS, ORDERS_QUERY, variables).path("orders");
        List<OrderUpdate> updates = new ArrayList<>();
        for (JsonNode node : orders.path("nodes")) {
            updates.add(new OrderUpdate(GraphQlIds.numericId("Order", node.path("id").asText()),
                    Instant.parse(node.path("updatedAt").asText())));
        }
        JsonNode pageInfo = orders.path("pageInfo");
        return new OrdersPage(updates, pageInfo.path("hasNextPage").asBoolean(),
                pageInfo.path("endCursor").isTextual() ? pageInfo.path("endCursor").asText() : null);
    }

    /** How many products the shop has, every status included. */
    public long productsCount() {
        return graphQl("count products", GRAPHQL_PRODUCTS_COUNT, PRODUCTS_COUNT_QUERY, json.createObjectNode())
                .path(GRAPHQL_PRODUCTS_COUNT).path("count").asLong();
    }

    /**
     * One page of {@value #CATALOG_PAGE_SIZE} products in id order with all their variants, every status included.
     *
     * @param cursor the previous page's {@code endCursor}, null for the first page
     */
    public CatalogPage catalogPage(String cursor) {
        ObjectNode variables = json.createObjectNode().put("first", CATALOG_PAGE_SIZE).put("after", cursor)
                .put("variants", VARIANTS_PER_PRODUCT);
        JsonNode products = graphQl("read catalog page", GRAPHQL_PRODUCTS, CATALOG_QUERY, variables)
                .path(GRAPHQL_PRODUCTS);
        List<CatalogProduct> page = new ArrayList<>();
        for (JsonNode node : products.path("nodes")) {
            page.add(catalogProduct(node));
        }
        JsonNode pageInfo = products.path("pageInfo");
        return new CatalogPage(page, pageInfo.path("hasNextPage").asBoolean(),
                pageInfo.path("endCursor").isTextual() ? pageInfo.path("endCursor").asText() : null);
    }

    private CatalogProduct catalogProduct(JsonNode node) {
        long productId = GraphQlIds.numericId("Product", node.path("id").asText());
        Instant updatedAt = Instant.parse(node.path("updatedAt").asText());
        ObjectNode rest = json.createObjectNode()
                .put("id", productId)
                .put("admin_graphql_api_id", node.path("id").asText())
                .put("title", node.path("title").asText())
                .put("status", node.path("status").asText().toLowerCase(Locale.ROOT))
                .put("product_type", node.path("productType").asText(""))
                .put("updated_at", updatedAt.toString());
        ArrayNode variants = rest.putArray("variants");
        JsonNode connection = node.path("variants");
        while (true) {
            connection.path("nodes").forEach(variant -> variants.add(restVariant(productId, variant)));
            JsonNode pageInfo = connection.path("pageInfo");
            if (!pageInfo.path("hasNextPage").asBoolean() || !pageInfo.path("endCursor").isTextual()) {
                break;
            }
            ObjectNode variables = json.createObjectNode().put("id", node.path("id").asText())
                    .put("first", MAX_PAGE_SIZE).put("after", pageInfo.path("endCursor").asText());
            connection = graphQl("read variants of product " + productId, GRAPHQL_PRODUCT, PRODUCT_VARIANTS_QUERY,
                    variables).path(GRAPHQL_PRODUCT).path("variants");
        }
        try {
            return new CatalogProduct(productId, updatedAt, json.writeValueAsBytes(rest));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("product " + productId + " cannot be serialised", e);
        }
    }

    private ObjectNode restVariant(long productId, JsonNode variant) {
        JsonNode inventoryItem = variant.path("inventoryItem");
        ObjectNode rest = json.createObjectNode()
                .put("id", GraphQlIds.numericId("ProductVariant", variant.path("id").asText()))
                .put("admin_graphql_api_id", variant.path("id").asText())
                .put("product_id", productId)
                .put("title", variant.path("title").asText())
                .put("price", variant.path("price").asText())
                .put("updated_at", variant.path("updatedAt").asText());
        if (variant.path("sku").isTextual()) {
            rest.put("sku", variant.path("sku").asText());
        } else {
            rest.putNull("sku");
        }
        if (inventoryItem.path("id").isTextual()) {
            rest.put("inventory_item_id", GraphQlIds.numericId("InventoryItem", inventoryItem.path("id").asText()));
        }
        if (inventoryItem.path("requiresShipping").isBoolean()) {
            rest.put("requires_shipping", inventoryItem.path("requiresShipping").asBoolean());
        }
        return rest;
    }

    /** The access scopes granted to this token ("read_orders", ...); a refused token is a ShopifyPermanentException 401. */
    public List<String> accessScopes() {
        List<String> scopes = new ArrayList<>();
        graphQl("read access scopes", GRAPHQL_APP_INSTALLATION, ACCESS_SCOPES_QUERY, json.createObjectNode())
                .path(GRAPHQL_APP_INSTALLATION).path("accessScopes")
                .forEach(scope -> scopes.add(scope.path("handle").asText()));
        return scopes;
    }

    /**
     * The REST Order (the shape an orders/* webhook carries) exactly as Shopify sent it, or empty when the order does
     * not exist (deleted, or older than the app may read).
     */
    public Optional<byte[]> orderJson(long orderId) {
        String operation = "get order " + orderId;
        return restGet(REST_ORDER, operation, "/orders/" + orderId + ".json")
                .map(answer -> innerObject(operation, answer.body(), "order"));
    }

    /**
     * The order's payment transactions (authorizations, sales, captures, voids, refunds; every status), oldest first as
     * Shopify lists them; empty when the order does not exist. Neither the REST order nor orders/paid carries them.
     */
    public List<ShopifyTransaction> orderTransactions(long orderId) {
        String operation = "get transactions of order " + orderId;
        Optional<Answer> found = restGet(REST_TRANSACTIONS, operation, "/orders/" + orderId + "/transactions.json");
        if (found.isEmpty()) {
            return List.of();
        }
        Answer answer = found.get();
        try {
            return ShopifyOrderPayloads.transactions(answer.body());
        } catch (RuntimeException unreadable) {
            throw new ShopifyPermanentException(operation + ": unreadable answer: " + unreadable.getMessage(), 200);
        }
    }

    /** A REST read, throttling honoured; empty for 404 (the resource does not exist or the app may not read it). */
    private Optional<Answer> restGet(String kind, String operation, String path) {
        Answer answer = withThrottleRetries(operation, () -> {
            Answer sent = send(kind, operation, request(path).GET());
            if (sent.status() != 404) {
                requireSuccess(operation, sent);
            }
            return sent;
        });
        return answer.status() == 404 ? Optional.empty() : Optional.of(answer);
    }

    /**
     * Sets {@code available} for every change in one call, each compared against its {@code changeFromQuantity}.
     * Repeating a call with the same {@code idempotencyKey} returns the first call's outcome and changes nothing, so a
     * call whose answer was lost is repeated with the same key; a call that found stale quantities is not.
     *
     * @param idempotencyKey       letters, digits and {@code . _ : -}, e.g. a UUID
     * @param reason               Shopify's adjustment reason, e.g. "correction"
     * @param referenceDocumentUri where the quantity came from, e.g. gid://erpnext/Bin/ITEM-1@Stores; may be null
     * @return applied, or which changes were stale (then nothing was applied)
     * @throws ShopifyPermanentException for any other user error (unknown item, not stocked at the location, ...)
     */
    public InventorySetResult setAvailable(List<InventoryChange> changes, String idempotencyKey, String reason,
            String referenceDocumentUri) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("no inventory change to set");
        }
        if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("idempotency key must match " + IDEMPOTENCY_KEY + ": " + idempotencyKey);
        }
        ObjectNode input = json.createObjectNode()
                .put("name", "available")
                .put("reason", Objects.requireNonNull(reason, "reason"))
                .put("referenceDocumentUri", referenceDocumentUri);
        ArrayNode quantities = input.putArray("quantities");
        for (InventoryChange change : changes) {
            quantities.addObject()
                    .put("inventoryItemId", GraphQlIds.gid("InventoryItem", change.inventoryItemId()))
                    .put("locationId", GraphQlIds.gid("Location", change.locationId()))
                    .put("quantity", change.quantity())
                    // Present even when null: from 2026-04 an absent changeFromQuantity is an error, null opts out.
                    .put("changeFromQuantity", change.changeFromQuantity());
        }
        String operation = "set available (key " + idempotencyKey + ", " + changes.size() + " change(s))";
        JsonNode payload = graphQl(operation, GRAPHQL_INVENTORY_SET_QUANTITIES,
                SET_AVAILABLE_MUTATION.formatted(idempotencyKey),
                json.createObjectNode().set("input", input)).path("inventorySetQuantities");

        List<InventoryChange> stale = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (JsonNode error : payload.path("userErrors")) {
            if (STALE_CODE.equals(error.path("code").asText())) {
                stale.addAll(staleChanges(error.path("field"), changes));
            } else {
                refusals.add(error.path("code").asText() + " " + error.path("field") + ": " + error.path("message").asText());
            }
        }
        if (!refusals.isEmpty()) {
            throw new ShopifyPermanentException(operation + " refused: " + String.join("; ", refusals), 200);
        }
        log.debug("Shopify {}: {}", operation, stale.isEmpty() ? "applied" : "stale " + stale);
        return stale.isEmpty() ? InventorySetResult.applied() : new InventorySetResult(stale.stream().distinct().toList());
    }

    /**
     * The {@code available} quantity of an inventory item at a location, e.g. to re-read after a stale compare.
     *
     * @throws ShopifyPermanentException when the item does not exist or is not stocked at the location
     */
    public int available(long inventoryItemId, long locationId) {
        String operation = "read available of item " + inventoryItemId + " at location " + locationId;
        ObjectNode variables = json.createObjectNode()
                .put("inventoryItemId", GraphQlIds.gid("InventoryItem", inventoryItemId))
                .put("locationId", GraphQlIds.gid("Location", locationId));
        JsonNode item = graphQl(operation, GRAPHQL_INVENTORY_ITEM, AVAILABLE_QUERY, variables).path("inventoryItem");
        if (!item.isObject()) {
            throw new ShopifyPermanentException(operation + ": no such inventory item", 200);
        }
        JsonNode level = item.path("inventoryLevel");
        if (!level.isObject()) {
            throw new ShopifyPermanentException(operation + ": the item is not stocked at the location", 200);
        }
        for (JsonNode quantity : level.path("quantities")) {
            if ("available".equals(quantity.path("name").asText())) {
                return quantity.path("quantity").asInt();
            }
        }
        throw new ShopifyPermanentException(operation + ": the answer has no available quantity", 200);
    }

    /**
     * The current price of each variant that exists, read {@value #MAX_PAGE_SIZE} ids a call (Shopify's limit for
     * {@code nodes}); a variant Shopify does not know (deleted) is absent from the answer.
     */
    public Map<Long, VariantPrice> variantPrices(List<Long> variantIds) {
        Map<Long, VariantPrice> prices = new LinkedHashMap<>();
        for (int from = 0; from < variantIds.size(); from += MAX_PAGE_SIZE) {
            List<Long> batch = variantIds.subList(from, Math.min(variantIds.size(), from + MAX_PAGE_SIZE));
            ObjectNode variables = json.createObjectNode();
            ArrayNode ids = variables.putArray("ids");
            batch.forEach(id -> ids.add(GraphQlIds.gid("ProductVariant", id)));
            JsonNode nodes = graphQl("read prices of " + batch.size() + " variant(s)", GRAPHQL_NODES,
                    VARIANT_PRICES_QUERY, variables).path("nodes");
            for (JsonNode node : nodes) {
                if (node.hasNonNull("id") && node.hasNonNull("price")) {
                    VariantPrice price = new VariantPrice(GraphQlIds.numericId("ProductVariant", node.get("id").asText()),
                            GraphQlIds.numericId("Product", node.path("product").path("id").asText()),
                            new BigDecimal(node.get("price").asText()));
                    prices.put(price.variantId(), price);
                }
            }
        }
        return prices;
    }

    /**
     * Sets the prices of variants of one product in one call. Prices are sent as Shopify's money strings.
     *
     * @throws ShopifyPermanentException when Shopify refuses the update (unknown product or variant, invalid price)
     */
    public void setVariantPrices(long productId, Map<Long, BigDecimal> pricesByVariant) {
        if (pricesByVariant.isEmpty()) {
            throw new IllegalArgumentException("no variant price to set");
        }
        ObjectNode variables = json.createObjectNode().put("productId", GraphQlIds.gid("Product", productId));
        ArrayNode variants = variables.putArray("variants");
        pricesByVariant.forEach((variant, price) -> variants.addObject()
                .put("id", GraphQlIds.gid("ProductVariant", variant)).put("price", price.toPlainString()));
        String operation = "set prices of " + pricesByVariant.size() + " variant(s) of product " + productId;
        JsonNode payload = graphQl(operation, GRAPHQL_VARIANTS_BULK_UPDATE, UPDATE_PRICES_MUTATION, variables)
                .path(GRAPHQL_VARIANTS_BULK_UPDATE);
        List<String> refusals = new ArrayList<>();
        payload.path("userErrors").forEach(error -> refusals.add(error.path("field") + ": "
                + error.path("message").asText()));
        if (!refusals.isEmpty()) {
            throw new ShopifyPermanentException(operation + " refused: " + String.join("; ", refusals), 200);
        }
        log.debug("Shopify {}: applied", operation);
    }

    /** Every webhook subscription of this app in the shop (an app sees only its own). */
    public List<WebhookSubscription> webhookSubscriptions() {
        List<WebhookSubscription> subscriptions = new ArrayList<>();
        allPages("list webhook subscriptions", GRAPHQL_WEBHOOK_SUBSCRIPTIONS, WEBHOOK_SUBSCRIPTIONS_QUERY,
                node -> subscriptions.add(subscription(node)));
        return subscriptions;
    }

    /**
     * Subscribes the app to a topic at an address, JSON payloads.
     *
     * @param topic the topic enum value, e.g. ORDERS_CREATE
     * @throws ShopifyPermanentException when Shopify refuses it (address taken for the topic, not HTTPS, ...)
     */
    public WebhookSubscription createWebhookSubscription(String topic, String uri) {
        ObjectNode variables = json.createObjectNode().put("topic", topic);
        variables.putObject("subscription").put("uri", uri).put("format", "JSON");
        return subscriptionPayload("subscribe to " + topic, GRAPHQL_WEBHOOK_SUBSCRIPTION_CREATE,
                CREATE_WEBHOOK_SUBSCRIPTION_MUTATION, variables);
    }

    /**
     * Points an existing subscription at another address.
     *
     * @throws ShopifyPermanentException when Shopify refuses it (unknown subscription, address taken, ...)
     */
    public WebhookSubscription updateWebhookSubscription(long id, String uri) {
        ObjectNode variables = json.createObjectNode().put("id", GraphQlIds.gid("WebhookSubscription", id));
        variables.putObject("subscription").put("uri", uri);
        return subscriptionPayload("repair webhook subscription " + id, GRAPHQL_WEBHOOK_SUBSCRIPTION_UPDATE,
                UPDATE_WEBHOOK_SUBSCRIPTION_MUTATION, variables);
    }

    /** Every location of the shop, inactive ones included (scope read_locations). */
    public List<ShopifyLocation> locations() {
        List<ShopifyLocation> locations = new ArrayList<>();
        allPages("list locations", GRAPHQL_LOCATIONS, LOCATIONS_QUERY, node -> locations.add(new ShopifyLocation(
                GraphQlIds.numericId("Location", node.path("id").asText()), node.path("name").asText(),
                node.path("isActive").asBoolean())));
        return locations;
    }

    /** Reads a connection page by page, handing each node to {@code each}. */
    private void allPages(String operation, String rootField, String query, Consumer<JsonNode> each) {
        String cursor = null;
        do {
            ObjectNode variables = json.createObjectNode().put("first", MAX_PAGE_SIZE).put("after", cursor);
            JsonNode connection = graphQl(operation, rootField, query, variables).path(rootField);
            connection.path("nodes").forEach(each);
            JsonNode pageInfo = connection.path("pageInfo");
            cursor = pageInfo.path("hasNextPage").asBoolean() && pageInfo.path("endCursor").isTextual()
                    ? pageInfo.path("endCursor").asText() : null;
        } while (cursor != null);
    }

    private WebhookSubscription subscriptionPayload(String operation, String rootField, String mutation,
            ObjectNode variables) {
        JsonNode payload = graphQl(operation, rootField, mutation, variables).path(rootField);
        List<String> refusals = new ArrayList<>();
        payload.path("userErrors").forEach(error -> refusals.add(error.path("field") + ": "
                + error.path("message").asText()));
        if (!refusals.isEmpty() || !payload.path("webhookSubscription").isObject()) {
            throw new ShopifyPermanentException(operation + " refused: " + String.join("; ", refusals), 200);
        }
        return subscription(payload.path("webhookSubscription"));
    }

    private static WebhookSubscription subscription(JsonNode node) {
        return new WebhookSubscription(GraphQlIds.numericId("WebhookSubscription", node.path("id").asText()),
                node.path("topic").asText(), node.path("uri").asText(""));
    }

    /** The changes a stale error names by its field path (input, quantities, index, ...); all of them if it names none. */
    private static List<InventoryChange> staleChanges(JsonNode field, List<InventoryChange> changes) {
        List<String> path = new ArrayList<>();
        field.forEach(segment -> path.add(segment.asText()));
        int quantities = path.indexOf("quantities");
        if (quantities >= 0 && quantities + 1 < path.size()) {
            try {
                int index = Integer.parseInt(path.get(quantities + 1));
                if (index >= 0 && index < changes.size()) {
                    return List.of(changes.get(index));
                }
            } catch (NumberFormatException notAnIndex) {
                // fall through: the caller re-reads every change, which is always safe
            }
        }
        return changes;
    }

    /** @param rootField the query's or mutation's root field: the {@code operation} tag of its timings */
    private JsonNode graphQl(String operation, String rootField, String query, ObjectNode variables) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(json.createObjectNode().put("query", query).set("variables", variables));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("GraphQL request cannot be serialised", e);
        }
        return withThrottleRetries(operation, () -> {
            Answer answer = send(rootField, operation, request("/graphql.json")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            requireSuccess(operation, answer);
            return data(operation, answer);
        });
    }

    /** The {@code data} of a GraphQL answer, or the exception its {@code errors} stand for. */
    private JsonNode data(String operation, Answer answer) {
        JsonNode response = parse(operation, answer.body());
        JsonNode errors = response.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> codes = new ArrayList<>();
            errors.forEach(error -> codes.add(error.path("extensions").path("code").asText("")));
            if (codes.contains("THROTTLED")) {
                JsonNode cost = response.path("extensions").path("cost");
                JsonNode status = cost.path("throttleStatus");
                Duration wait = new ThrottleStatus(status.path("maximumAvailable").asDouble(),
                        status.path("currentlyAvailable").asDouble(), status.path("restoreRate").asDouble())
                        .waitFor(cost.path("requestedQueryCost").asDouble());
                throw new ShopifyThrottledException(operation + ": throttled, " + status, answer.status(), wait);
            }
            String message = operation + ": " + truncate(errors.toString());
            if (codes.contains("INTERNAL_SERVER_ERROR")) {
                throw new ShopifyTransientException(message, answer.status(), null);
            }
            throw new ShopifyPermanentException(message, answer.status(), codes.contains("ACCESS_DENIED"));
        }
        JsonNode data = response.path("data");
        if (!data.isObject()) {
            throw new ShopifyTransientException(operation + ": answer without data", answer.status(), null);
        }
        return data;
    }

    private void requireSuccess(String operation, Answer answer) {
        int status = answer.status();
        if (status / 100 == 2) {
            return;
        }
        String message = operation + ": HTTP " + status + " " + truncate(new String(answer.body(), StandardCharsets.UTF_8));
        if (status == 429) {
            throw new ShopifyThrottledException(message, status, answer.retryAfter()
                    .map(ShopifyAdminClient::retryAfter).orElse(DEFAULT_RETRY_AFTER));
        }
        if (status / 100 == 5) {
            throw new ShopifyTransientException(message, status, null);
        }
        throw new ShopifyPermanentException(message, status);
    }

    /** Shopify writes Retry-After as decimal seconds ("2.0"). */
    private static Duration retryAfter(String header) {
        try {
            return Duration.ofMillis((long) Math.ceil(Double.parseDouble(header.trim()) * 1000));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }

    private <T> T withThrottleRetries(String operation, Supplier<T> call) {
        int retriesLeft = settings.throttleRetries();
        while (true) {
            try {
                return call.get();
            } catch (ShopifyThrottledException e) {
                if (retriesLeft == 0 || e.retryAfter().compareTo(settings.maxThrottleWait()) > 0) {
                    throw e;
                }
                retriesLeft--;
                log.debug("Shopify {}: throttled, retrying in {}", operation, e.retryAfter());
                sleep(operation, e.retryAfter());
            }
        }
    }

    private static void sleep(String operation, Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyTransientException(operation + ": interrupted while waiting for the throttle", 0, e);
        }
    }

    /** One HTTP call, timed as {@value #REQUESTS_METER} whatever its outcome. */
    private Answer send(String metricOperation, String operation, HttpRequest.Builder request) {
        HttpRequest built = request.build();
        String status = NO_STATUS;
        Timer.Sample sample = Timer.start(meters);
        try {
            HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            status = Integer.toString(response.statusCode());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
        } catch (HttpTimeoutException e) {
            throw new ShopifyTransientException(operation + ": no answer from Shopify in time: " + e.getMessage(), 0, e);
        } catch (IOException e) {
            throw new ShopifyTransientException(operation + ": connection to " + apiBase + " failed: " + e, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyTransientException(operation + ": interrupted", 0, e);
        } finally {
            sample.stop(Timer.builder(REQUESTS_METER)
                    .description("Shopify Admin API calls by shop, operation, method and HTTP status (none: no answer)")
                    .tag("shop", shop)
                    .tag("operation", metricOperation)
                    .tag("method", built.method())
                    .tag("status", status)
                    .register(meters));
        }
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url.trim()).getHost();
            return host == null ? "unknown" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(apiBase + path))
                .timeout(settings.readTimeout())
                .header(ACCESS_TOKEN_HEADER, accessToken)
                .header("Accept", "application/json");
    }

    private JsonNode parse(String operation, byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new ShopifyTransientException(operation + ": answer is not JSON", 200, e);
        }
    }

    /** The bytes of a top-level field's object value, untouched so the payload is what Shopify sent. */
    private byte[] innerObject(String operation, byte[] body, String field) {
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean wanted = field.equals(parser.currentName());
                    JsonToken value = parser.nextToken();
                    if (wanted && value == JsonToken.START_OBJECT) {
                        int start = (int) parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
                        return Arrays.copyOfRange(body, start, end);
                    }
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new ShopifyTransientException(operation + ": answer is not JSON", 200, e);
        }
        throw new ShopifyPermanentException(operation + ": answer has no \"" + field + "\" object", 200);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "...";
    }

    @Override
    public String toString() {
        return "ShopifyAdminClient[" + apiBase + "]";
    }
}
