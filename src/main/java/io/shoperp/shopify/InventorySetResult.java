package io.shoperp.shopify;

import java.util.List;

/**
 * The outcome of an {@code inventorySetQuantities} call that Shopify accepted as a request. Shopify applies the
 * quantities of one call all or none: either every change was applied, or some compare-and-set found the quantity
 * changed meanwhile ({@code CHANGE_FROM_QUANTITY_STALE}) and nothing was applied; re-read those and try again with a
 * new idempotency key.
 */
public record InventorySetResult(List<InventoryChange> staleChanges) {

    public InventorySetResult {
        staleChanges = List.copyOf(staleChanges);
    }

    public static InventorySetResult applied() {
        return new InventorySetResult(List.of());
    }

    public boolean isApplied() {
        return staleChanges.isEmpty();
    }
}
