package io.shoperp.shopify.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.shopify.GraphQlIds;
import io.shoperp.shopify.ShopifyAdminClient;

/**
 * Inventory levels (item, location) -> available, changed the way {@code inventorySetQuantities} changes them: all
 * quantities of a call or none, compare-and-set on {@code changeFromQuantity}, and a key that replays the first answer.
 */
final class SandboxInventory {

    record LevelKey(long inventoryItemId, long locationId) {
    }

    /** A level after a change, what an inventory_levels/update webhook reports. */
    record LevelChange(LevelKey level, int available) {
    }

    /** The mutation's payload and the levels it changed (none when refused or replayed). */
    record SetOutcome(ObjectNode payload, List<LevelChange> changes) {
    }

    private final ObjectMapper json;
    private final Map<LevelKey, Integer> available = new HashMap<>();
    private final Map<LevelKey, Integer> writes = new HashMap<>();
    private final Map<String, ObjectNode> answersByKey = new HashMap<>();
    private long adjustmentGroups;

    SandboxInventory(ObjectMapper json) {
        this.json = json;
    }

    synchronized void setLevel(LevelKey level, int quantity) {
        available.put(level, quantity);
    }

    synchronized OptionalInt available(LevelKey level) {
        Integer quantity = available.get(level);
        return quantity == null ? OptionalInt.empty() : OptionalInt.of(quantity);
    }

    synchronized int writeCount(LevelKey level) {
        return writes.getOrDefault(level, 0);
    }

    /** A customer order in Shopify: available drops by {@code quantity}. */
    synchronized LevelChange sell(LevelKey level, int quantity) {
        int after = available(level).orElseThrow(() -> new IllegalArgumentException("no inventory level " + level))
                - quantity;
        available.put(level, after);
        return new LevelChange(level, after);
    }

    /** {@code input} as InventorySetQuantitiesInput; a repeated {@code idempotencyKey} gets the first payload back. */
    synchronized SetOutcome setQuantities(String idempotencyKey, JsonNode input) {
        ObjectNode replay = answersByKey.get(idempotencyKey);
        if (replay != null) {
            return new SetOutcome(replay, List.of());
        }
        List<LevelChange> changes = new ArrayList<>();
        ArrayNode userErrors = json.createArrayNode();
        JsonNode quantities = input.path("quantities");
        if (!"available".equals(input.path("name").asText())) {
            userError(userErrors, "INVALID_NAME", "name is not available", "input", "name");
        }
        if (input.path("reason").asText("").isBlank()) {
            userError(userErrors, "INVALID_REASON", "reason is required", "input", "reason");
        }
        for (int i = 0; i < quantities.size(); i++) {
            JsonNode quantity = quantities.get(i);
            String index = String.valueOf(i);
            LevelKey level = new LevelKey(GraphQlIds.numericId("InventoryItem", quantity.path("inventoryItemId").asText()),
                    GraphQlIds.numericId("Location", quantity.path("locationId").asText()));
            Integer current = available.get(level);
            if (current == null) {
                userError(userErrors, "ITEM_NOT_STOCKED_AT_LOCATION", "The item is not stocked at the location",
                        "input", "quantities", index, "locationId");
            } else if (!quantity.has("changeFromQuantity")) {
                userError(userErrors, "INVALID_QUANTITY", "changeFromQuantity is required; pass null to opt out",
                        "input", "quantities", index, "changeFromQuantity");
            } else if (!quantity.get("changeFromQuantity").isNull()
                    && quantity.get("changeFromQuantity").asInt() != current) {
                userError(userErrors, ShopifyAdminClient.STALE_CODE,
                        "The specified compare quantity does not match the current quantity",
                        "input", "quantities", index, "changeFromQuantity");
            } else {
                changes.add(new LevelChange(level, quantity.path("quantity").asInt()));
            }
        }
        ObjectNode payload = json.createObjectNode();
        if (userErrors.isEmpty()) {
            changes.forEach(change -> {
                available.put(change.level(), change.available());
                writes.merge(change.level(), 1, Integer::sum);
            });
            payload.putObject("inventoryAdjustmentGroup")
                    .put("id", GraphQlIds.gid("InventoryAdjustmentGroup", ++adjustmentGroups));
        } else {
            changes.clear();
            payload.putNull("inventoryAdjustmentGroup");
        }
        payload.set("userErrors", userErrors);
        answersByKey.put(idempotencyKey, payload);
        return new SetOutcome(payload, changes);
    }

    synchronized List<ObjectNode> levels() {
        List<ObjectNode> levels = new ArrayList<>();
        available.forEach((level, quantity) -> levels.add(json.createObjectNode()
                .put("inventory_item_id", level.inventoryItemId()).put("location_id", level.locationId())
                .put("available", quantity).put("writes", writes.getOrDefault(level, 0))));
        return levels;
    }

    private void userError(ArrayNode userErrors, String code, String message, String... field) {
        ObjectNode error = userErrors.addObject().put("code", code).put("message", message);
        ArrayNode path = error.putArray("field");
        for (String segment : field) {
            path.add(segment);
        }
    }
}
