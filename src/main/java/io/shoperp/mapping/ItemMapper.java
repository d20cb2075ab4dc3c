package io.shoperp.mapping;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.shopify.ShopifyProduct;

/**
 * ERPNext Items for what orders sell. Only master data: an Item is never given stock, valuation or prices here
 * (ERPNext owns stock; rates come from the orders).
 */
public class ItemMapper {

    /** The unique key of an Item made from a Shopify variant; the price sync maps Items to variants by it. */
    public static final String VARIANT_FIELD = "shopify_variant_id";
    /** What the stock push maps an Item to Shopify's inventory by. */
    public static final String INVENTORY_ITEM_FIELD = "shopify_inventory_item_id";

    private final ErpNextMappingProperties mapping;

    public ItemMapper(ErpNextMappingProperties mapping) {
        this.mapping = mapping;
    }

    /**
     * The Item to create for a line whose item code ERPNext does not know.
     *
     * @throws UnprocessableEventException when {@code erpnext.create-missing-items} is false: the order waits (DEAD) until the
     *                          item exists
     */
    public ObjectNode missingItemFor(ShopifyOrder.LineItem line) {
        String itemCode = ItemCodes.forLineItem(line);
        if (!mapping.isCreateMissingItems()) {
            throw new UnprocessableEventException("item " + itemCode + " (Shopify line item " + line.id()
                    + ") is not in ERPNext and erpnext.create-missing-items is false");
        }
        ObjectNode item = newItem(itemCode, itemName(line.title(), line.variantTitle(), itemCode), line.requiresShipping());
        if (line.variantId() != null) {
            item.put(VARIANT_FIELD, line.variantId().toString());
        }
        return item;
    }

    /**
     * The field an Item is created idempotently by: its variant id, or for a custom line item (no variant) the item
     * code, which is the Item's name and so unique by itself.
     */
    public static String keyFieldOf(ObjectNode item) {
        return item.hasNonNull(VARIANT_FIELD) ? VARIANT_FIELD : "item_code";
    }

    /** The Item of a product variant that ERPNext does not have yet (products/create|update). */
    public ObjectNode newItemFor(ShopifyProduct product, ShopifyProduct.Variant variant) {
        String itemCode = ItemCodes.forVariant(variant.id(), variant.sku());
        ObjectNode item = newItem(itemCode, itemName(product.title(), variant.title(), itemCode), variant.isPhysical())
                .put(VARIANT_FIELD, variant.id().toString());
        if (variant.inventoryItemId() != null) {
            item.put(INVENTORY_ITEM_FIELD, variant.inventoryItemId().toString());
        }
        return item;
    }

    /**
     * The partial update that keeps an existing Item's name and Shopify inventory item current, empty when both
     * already are. Nothing else is touched: group, UOM and stock settings may have been changed in ERPNext on
     * purpose, and stock and valuation are ERPNext's.
     */
    public Optional<ObjectNode> currentFieldsUpdate(ShopifyProduct product, ShopifyProduct.Variant variant,
                                                    ObjectNode existingItem) {
        ObjectNode update = ErpNextClient.objectMapper().createObjectNode();
        String itemName = itemName(product.title(), variant.title(), ItemCodes.forVariant(variant.id(), variant.sku()));
        if (!itemName.equals(existingItem.path("item_name").asText())) {
            update.put("item_name", itemName);
        }
        if (variant.inventoryItemId() != null
                && !variant.inventoryItemId().toString().equals(existingItem.path(INVENTORY_ITEM_FIELD).asText())) {
            update.put(INVENTORY_ITEM_FIELD, variant.inventoryItemId().toString());
        }
        return update.isEmpty() ? Optional.empty() : Optional.of(update);
    }

    private ObjectNode newItem(String itemCode, String itemName, boolean stockItem) {
        return ErpNextClient.objectMapper().createObjectNode()
                .put("item_code", itemCode)
                .put("item_name", itemName)
                .put("item_group", mapping.itemGroup())
                .put("stock_uom", mapping.stockUom())
                .put("is_stock_item", stockItem ? 1 : 0);
    }

    /**
     * "Title - Variant title", without Shopify's placeholder variant title, cut to ERPNext's 140 characters
     * (whole code points, so non-ASCII names stay valid).
     */
    static String itemName(String title, String variantTitle, String fallback) {
        String base = title == null || title.isBlank() ? fallback : title.strip();
        String name = variantTitle == null || variantTitle.isBlank() || "Default Title".equals(variantTitle)
                ? base : base + " - " + variantTitle.strip();
        return ErpNextText.cut(name, ItemCodes.MAX_LENGTH);
    }
}
