package io.shoperp.shopify.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.shopify.GraphQlIds;

/**
 * Products and their variants' prices, changed the way {@code productVariantsBulkUpdate} changes them: every variant
 * of a call or none, each one a variant of the product the call names, prices as Shopify's money strings. Each
 * change stamps the product's and the variant's updated_at, which is what products/update carries.
 */
final class SandboxProducts {

    private static final class Variant {
        final long id;
        final String sku;
        final long inventoryItemId;
        BigDecimal price;
        BigDecimal compareAtPrice;
        Instant updatedAt;
        int priceWrites;

        Variant(long id, String sku, long inventoryItemId, BigDecimal price, Instant updatedAt) {
            this.id = id;
            this.sku = sku;
            this.inventoryItemId = inventoryItemId;
            this.price = price;
            this.updatedAt = updatedAt;
        }
    }

    private static final class Product {
        final long id;
        final String title;
        final Map<Long, Variant> variants = new LinkedHashMap<>();
        Instant updatedAt;

        Product(long id, String title, Instant updatedAt) {
            this.id = id;
            this.title = title;
            this.updatedAt = updatedAt;
        }
    }

    /** The mutation's payload and the product it changed, if it changed one. */
    record BulkOutcome(ObjectNode payload, Optional<Long> changedProduct) {
    }

    /** Shopify's limit on the requested cost of one GraphQL query. */
    private static final long MAX_QUERY_COST = 1000;

    private final ObjectMapper json;
    private final Map<Long, Product> products = new HashMap<>();
    private final Map<Long, Product> productOfVariant = new HashMap<>();

    SandboxProducts(ObjectMapper json) {
        this.json = json;
    }

    synchronized void putVariant(long productId, String title, long variantId, String sku, long inventoryItemId,
            BigDecimal price) {
        Instant now = Instant.now();
        Product product = products.computeIfAbsent(productId, id -> new Product(id, title, now));
        product.variants.put(variantId, new Variant(variantId, sku, inventoryItemId, price, now));
        productOfVariant.put(variantId, product);
    }

    synchronized Optional<BigDecimal> price(long variantId) {
        return Optional.ofNullable(variant(variantId)).map(variant -> variant.price);
    }

    /** How many times productVariantsBulkUpdate changed the variant's price (a merchant's edit not counted). */
    synchronized int priceWrites(long variantId) {
        Variant variant = variant(variantId);
        return variant == null ? 0 : variant.priceWrites;
    }

    /** A merchant's edit in the Shopify admin; returns the product it changed. */
    synchronized long setPrice(long variantId, BigDecimal price) {
        Product product = productOfVariant.get(variantId);
        if (product == null) {
            throw new IllegalArgumentException("no variant " + variantId);
        }
        change(product, product.variants.get(variantId), price);
        return product.id;
    }

    /** {@code nodes(ids:)} with the ProductVariant fragment: null for an id that is no variant. */
    synchronized ArrayNode variantNodes(JsonNode ids) {
        ArrayNode nodes = json.createArrayNode();
        for (JsonNode id : ids) {
            Variant variant = id.asText().startsWith("gid://shopify/ProductVariant/")
                    ? variant(GraphQlIds.numericId("ProductVariant", id.asText())) : null;
            if (variant == null) {
                nodes.addNull();
            } else {
                ObjectNode node = nodes.addObject().put("id", id.asText()).put("price", money(variant.price));
                node.putObject("product").put("id", GraphQlIds.gid("Product", productOfVariant.get(variant.id).id));
            }
        }
        return nodes;
    }

    /** {@code productVariantsBulkUpdate(productId:, variants:)} with {@code id} and {@code price} per variant. */
    synchronized BulkOutcome bulkUpdate(JsonNode variables) {
        ArrayNode userErrors = json.createArrayNode();
        Product product = products.get(GraphQlIds.numericId("Product", variables.path("productId").asText()));
        if (product == null) {
            userError(userErrors, "Product does not exist", "productId");
        }
        JsonNode inputs = variables.path("variants");
        Map<Variant, BigDecimal> changes = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size() && product != null; i++) {
            JsonNode input = inputs.get(i);
            Variant variant = product.variants.get(GraphQlIds.numericId("ProductVariant", input.path("id").asText()));
            if (variant == null) {
                userError(userErrors, "Product variant does not exist", "variants", String.valueOf(i), "id");
                continue;
            }
            try {
                BigDecimal price = new BigDecimal(input.path("price").asText());
                if (price.signum() < 0) {
                    throw new NumberFormatException("negative");
                }
                changes.put(variant, price);
            } catch (NumberFormatException e) {
                userError(userErrors, "Price is invalid", "variants", String.valueOf(i), "price");
            }
        }
        ObjectNode payload = json.createObjectNode();
        if (!userErrors.isEmpty()) {
            payload.putNull("productVariants");
            payload.set("userErrors", userErrors);
            return new BulkOutcome(payload, Optional.empty());
        }
        ArrayNode variants = payload.putArray("productVariants");
        changes.forEach((variant, price) -> {
            change(product, variant, price);
            variant.priceWrites++;
            variants.addObject().put("id", GraphQlIds.gid("ProductVariant", variant.id)).put("price", money(price));
        });
        payload.set("userErrors", userErrors);
        return new BulkOutcome(payload, Optional.of(product.id));
    }

    /** The product as REST and products/update webhooks show it (prices as strings, times as Shopify writes them). */
    synchronized ObjectNode restJson(long productId) {
        Product product = products.get(productId);
        ObjectNode rest = json.createObjectNode().put("id", product.id)
                .put("admin_graphql_api_id", GraphQlIds.gid("Product", product.id))
                .put("title", product.title).put("status", "active")
                .put("updated_at", ShopifySandbox.shopTime(product.updatedAt));
        ArrayNode variants = rest.putArray("variants");
        product.variants.values().forEach(variant -> {
            ObjectNode node = variants.addObject().put("id", variant.id).put("product_id", product.id)
                    .put("title", "Default Title").put("sku", variant.sku).put("price", money(variant.price))
                    .put("inventory_item_id", variant.inventoryItemId)
                    .put("admin_graphql_api_id", GraphQlIds.gid("ProductVariant", variant.id))
                    .put("updated_at", ShopifySandbox.shopTime(variant.updatedAt));
            if (variant.compareAtPrice == null) {
                node.putNull("compare_at_price");
            } else {
                node.put("compare_at_price", money(variant.compareAtPrice));
            }
        });
        return rest;
    }

    synchronized long count() {
        return products.size();
    }

    /**
     * {@code products(first:, after:, sortKey: ID)} with {@code variants(first: $variants)} nested, in the fields the
     * catalog import reads; refused, as Shopify refuses it, when its requested cost passes 1,000 points.
     */
    synchronized ObjectNode catalogPage(JsonNode variables) {
        int variantsFirst = variables.path("variants").asInt(0);
        long cost = 2 + variables.path("first").asLong(0) * (2 + 2L * variantsFirst);
        if (cost > MAX_QUERY_COST) {
            throw new IllegalArgumentException("Query cost is " + cost + ", which exceeds the single query max cost"
                    + " limit (" + MAX_QUERY_COST + ").");
        }
        List<Product> inIdOrder = products.values().stream().sorted(Comparator.comparingLong(p -> p.id)).toList();
        return SandboxConnections.page(json, inIdOrder, product -> product.id, variables, product -> {
            ObjectNode node = json.createObjectNode().put("id", GraphQlIds.gid("Product", product.id))
                    .put("title", product.title).put("status", "ACTIVE").put("productType", "")
                    .put("updatedAt", graphQlTime(product.updatedAt));
            ObjectNode paging = json.createObjectNode().put("first", variantsFirst);
            node.set("variants", variantConnection(product, paging));
            return node;
        });
    }

    /** {@code product(id:) { variants(first:, after:) }}: the rest of a product's variants. */
    synchronized ObjectNode variantsOf(JsonNode variables) {
        Product product = products.get(GraphQlIds.numericId("Product", variables.path("id").asText()));
        if (product == null) {
            return null;
        }
        ObjectNode node = json.createObjectNode();
        node.set("variants", variantConnection(product, variables));
        return node;
    }

    private ObjectNode variantConnection(Product product, JsonNode paging) {
        return SandboxConnections.page(json, product.variants.values().stream()
                        .sorted(Comparator.comparingLong(variant -> variant.id)).toList(), variant -> variant.id, paging,
                variant -> {
                    ObjectNode node = json.createObjectNode().put("id", GraphQlIds.gid("ProductVariant", variant.id))
                            .put("title", "Default Title").put("sku", variant.sku).put("price", money(variant.price))
                            .put("updatedAt", graphQlTime(variant.updatedAt));
                    node.putObject("inventoryItem").put("id", GraphQlIds.gid("InventoryItem", variant.inventoryItemId))
                            .put("requiresShipping", true);
                    return node;
                });
    }

    synchronized List<ObjectNode> all() {
        List<ObjectNode> all = new ArrayList<>();
        products.keySet().forEach(id -> all.add(restJson(id)));
        return all;
    }

    private void change(Product product, Variant variant, BigDecimal price) {
        Instant now = Instant.now();
        variant.price = price;
        variant.updatedAt = now;
        product.updatedAt = now;
    }

    private Variant variant(long variantId) {
        Product product = productOfVariant.get(variantId);
        return product == null ? null : product.variants.get(variantId);
    }

    /** As Shopify's GraphQL DateTime: UTC, whole seconds, like the webhooks' updated_at. */
    private static String graphQlTime(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Shopify's money strings have the currency's decimals: "19.90", never "19.9". */
    private static String money(BigDecimal price) {
        return price.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private void userError(ArrayNode userErrors, String message, String... field) {
        ArrayNode path = userErrors.addObject().put("message", message).putArray("field");
        for (String segment : field) {
            path.add(segment);
        }
    }
}
