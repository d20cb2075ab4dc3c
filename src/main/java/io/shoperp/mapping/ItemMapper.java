package io.shoperp.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.shopify.ShopifyOrder;

/**
 * ERPNext Items for what orders sell. Only master data: an Item is never given stock, valuation or prices here
 * (ERPNext owns stock; rates come from the orders).
 */
public class ItemMapper {

    private final ErpNextMappingProperties mapping;

    public ItemMapper(ErpNextMappingProperties mapping) {
        this.mapping = mapping;
    }

    /**
     * The Item to create for a line whose item code ERPNext does not know.
     *
     * @throws MappingException when {@code erpnext.create-missing-items} is false: the order waits (DEAD) until the
     *                          item exists
     */
    public ObjectNode missingItemFor(ShopifyOrder.LineItem line) {
        String itemCode = ItemCodes.forLineItem(line);
        if (!mapping.isCreateMissingItems()) {
            throw new MappingException("item " + itemCode + " (Shopify line item " + line.id()
                    + ") is not in ERPNext and erpnext.create-missing-items is false");
        }
        ObjectNode item = newItem(itemCode, itemName(line.title(), line.variantTitle(), itemCode), line.requiresShipping());
        if (line.variantId() != null) {
            item.put("shopify_variant_id", line.variantId().toString());
        }
        return item;
    }

    ObjectNode newItem(String itemCode, String itemName, boolean stockItem) {
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
        return name.codePointCount(0, name.length()) <= ItemCodes.MAX_LENGTH ? name
                : name.substring(0, name.offsetByCodePoints(0, ItemCodes.MAX_LENGTH));
    }
}
