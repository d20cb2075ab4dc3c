package io.shoperp.stock;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoperp.inbox.UnprocessableEventException;

/**
 * An inventory_levels/update payload: the level, its available quantity (empty when Shopify does not track the
 * item) and when Shopify changed it.
 */
public record InventoryLevelUpdate(InventoryLevel level, OptionalInt available, Instant updatedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws UnprocessableEventException when the payload lacks the level's ids (permanent) */
    public static InventoryLevelUpdate parse(byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw new UnprocessableEventException("inventory_levels payload is not JSON", e);
        }
        JsonNode item = root.path("inventory_item_id");
        JsonNode location = root.path("location_id");
        if (!item.canConvertToLong() || !location.canConvertToLong()) {
            throw new UnprocessableEventException("inventory_levels payload lacks inventory_item_id or location_id");
        }
        JsonNode available = root.path("available");
        Instant updatedAt;
        try {
            updatedAt = root.path("updated_at").isTextual() ? OffsetDateTime.parse(root.path("updated_at").asText()).toInstant() : null;
        } catch (DateTimeParseException e) {
            throw new UnprocessableEventException("inventory_levels payload has an unreadable updated_at", e);
        }
        return new InventoryLevelUpdate(new InventoryLevel(item.asLong(), location.asLong()),
                available.isIntegralNumber() ? OptionalInt.of(available.asInt()) : OptionalInt.empty(), updatedAt);
    }
}
