package io.shoperp.shopify.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.shopify.ThrottleStatus;

/**
 * The /__sandbox control API for standalone use (tests call the Java methods). Bodies are JSON:
 * <pre>
 * POST /__sandbox/orders     {"id":1, "updated_at":"2026-11-29T05:00:00Z", "order":{...REST order, optional}}
 * PUT  /__sandbox/inventory  {"inventory_item_id":1, "location_id":2, "available":10}
 * GET  /__sandbox/inventory
 * POST /__sandbox/sales      {"inventory_item_id":1, "location_id":2, "quantity":1}
 * PUT  /__sandbox/variants   {"product_id":1, "variant_id":2, "sku":"A", "inventory_item_id":3, "price":"19.99"}
 * GET  /__sandbox/products
 * POST /__sandbox/prices     {"variant_id":2, "price":"17.50"}  (a merchant's edit, echoed as products/update)
 * POST /__sandbox/rate-limit {"calls":1, "retryAfterSeconds":2.0}
 * POST /__sandbox/fail       {"calls":1, "status":503}
 * POST /__sandbox/throttle   {"calls":1, "requestedCost":100, "currentlyAvailable":10, "maximumAvailable":2000, "restoreRate":100}
 * POST /__sandbox/echo       {"appUrl":"http://localhost:8080/webhooks/shopify", "shopDomain":"...", "secret":"..."}
 * POST /__sandbox/webhooks   {"appUrl":..., "shopDomain":..., "secret":..., "topic":"orders/updated", "body":{...}}
 * POST /__sandbox/subscriptions {"topic":"ORDERS_CREATE", "uri":"https://elsewhere.example.com/hooks"}  (made earlier)
 * GET  /__sandbox/subscriptions
 * PUT  /__sandbox/locations  {"id":1, "name":"Warehouse", "active":true}
 * PUT  /__sandbox/scopes     {"handles":["read_orders","read_locations"]}
 * </pre>
 */
final class SandboxControl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxControl() {
    }

    static JsonNode handle(ShopifySandbox sandbox, String method, String path, JsonNode body) {
        String call = method + " " + path;
        ObjectNode done = JSON.createObjectNode().put("done", call);
        switch (call) {
            case "POST orders" -> {
                long id = require(body, "id").asLong();
                Instant updatedAt = Instant.parse(require(body, "updated_at").asText());
                if (body.path("order").isObject()) {
                    sandbox.putOrder(id, updatedAt, body.get("order").toString().getBytes(StandardCharsets.UTF_8));
                } else {
                    sandbox.putOrder(id, updatedAt);
                }
            }
            case "PUT inventory" -> sandbox.setAvailable(require(body, "inventory_item_id").asLong(),
                    require(body, "location_id").asLong(), require(body, "available").asInt());
            case "GET inventory" -> {
                return JSON.valueToTree(sandbox.inventoryLevels());
            }
            case "POST sales" -> sandbox.simulateSale(require(body, "inventory_item_id").asLong(),
                    require(body, "location_id").asLong(), require(body, "quantity").asInt());
            case "POST rate-limit" -> sandbox.rateLimitNext(body.path("calls").asInt(1),
                    Duration.ofMillis((long) (require(body, "retryAfterSeconds").asDouble() * 1000)));
            case "POST fail" -> sandbox.failNext(body.path("calls").asInt(1), require(body, "status").asInt());
            case "POST throttle" -> sandbox.throttleNext(body.path("calls").asInt(1),
                    new ThrottleStatus(body.path("maximumAvailable").asDouble(2000),
                            require(body, "currentlyAvailable").asDouble(), body.path("restoreRate").asDouble(100)),
                    require(body, "requestedCost").asDouble());
            case "PUT variants" -> sandbox.putVariant(require(body, "product_id").asLong(),
                    require(body, "variant_id").asLong(), require(body, "sku").asText(),
                    require(body, "inventory_item_id").asLong(), require(body, "price").asText());
            case "GET products" -> {
                return JSON.valueToTree(sandbox.products());
            }
            case "POST prices" -> sandbox.merchantSetsPrice(require(body, "variant_id").asLong(),
                    require(body, "price").asText());
            case "POST echo" -> {
                sandbox.echoInventoryTo(require(body, "appUrl").asText(), require(body, "shopDomain").asText(),
                        require(body, "secret").asText());
                sandbox.echoProductsTo(require(body, "appUrl").asText(), require(body, "shopDomain").asText(),
                        require(body, "secret").asText());
            }
            case "POST webhooks" -> {
                int status = sandbox.sendWebhook(require(body, "appUrl").asText(), require(body, "shopDomain").asText(),
                        require(body, "secret").asText(), require(body, "topic").asText(),
                        require(body, "body").toString().getBytes(StandardCharsets.UTF_8));
                return done.put("status", status);
            }
            case "POST subscriptions" -> {
                return done.put("id", sandbox.putWebhookSubscription(require(body, "topic").asText(),
                        require(body, "uri").asText()));
            }
            case "GET subscriptions" -> {
                return JSON.valueToTree(sandbox.webhookSubscriptions());
            }
            case "PUT locations" -> sandbox.putLocation(require(body, "id").asLong(), require(body, "name").asText(),
                    body.path("active").asBoolean(true));
            case "PUT scopes" -> {
                List<String> handles = new ArrayList<>();
                require(body, "handles").forEach(handle -> handles.add(handle.asText()));
                sandbox.setAccessScopes(handles.toArray(String[]::new));
            }
            default -> throw new IllegalArgumentException("no sandbox control " + call);
        }
        return done;
    }

    private static JsonNode require(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value;
    }
}
