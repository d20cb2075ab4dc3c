package io.shoperp.mapping;

import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.shopify.ShopifyOrder;

/**
 * The ERPNext item code of what Shopify sells, stable across events so each variant maps to one Item:
 * <ol>
 * <li>the SKU (trimmed) when the variant has one, so existing ERPNext items keyed by SKU are reused;</li>
 * <li>{@code SHOPIFY-VARIANT-<variant id>} for a variant without SKU;</li>
 * <li>{@code SHOPIFY-LINE-<line item id>} for a custom line item (no variant): it exists only on that order, so its
 * code is as unique as the line.</li>
 * </ol>
 */
public final class ItemCodes {

    /** ERPNext's limit for a document name, which item_code is. */
    static final int MAX_LENGTH = 140;

    private ItemCodes() {
    }

    public static String forVariant(Long variantId, String sku) {
        if (sku != null && !sku.isBlank()) {
            String code = sku.strip();
            if (code.length() > MAX_LENGTH) {
                throw new UnprocessableEventException("SKU longer than " + MAX_LENGTH + " characters cannot be an item code: " + code);
            }
            return code;
        }
        if (variantId == null) {
            throw new UnprocessableEventException("a variant without SKU and without id has no item code");
        }
        return "SHOPIFY-VARIANT-" + variantId;
    }

    public static String forLineItem(ShopifyOrder.LineItem line) {
        if (line.variantId() == null && (line.sku() == null || line.sku().isBlank())) {
            return "SHOPIFY-LINE-" + line.id();
        }
        return forVariant(line.variantId(), line.sku());
    }
}
