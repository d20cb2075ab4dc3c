package io.shoperp.shopify;

/**
 * One quantity to set: {@code available} of an inventory item at a location becomes {@code quantity}, provided it is
 * {@code changeFromQuantity} now (compare-and-set). A null {@code changeFromQuantity} sets it whatever it is.
 */
public record InventoryChange(long inventoryItemId, long locationId, int quantity, Integer changeFromQuantity) {
}
