package io.shoperp.stock;

/** A Shopify inventory level: an inventory item at a location. */
public record InventoryLevel(long inventoryItemId, long locationId) {

    @Override
    public String toString() {
        return "inventory item " + inventoryItemId + " at location " + locationId;
    }
}
