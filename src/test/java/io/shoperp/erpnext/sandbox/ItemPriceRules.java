package io.shoperp.erpnext.sandbox;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Item Price as erpnext/stock/doctype/item_price/item_price.py validates it (ERPNext 15), on insert and on every save.
 * Called by {@link DocumentRules} under the store's lock.
 */
final class ItemPriceRules {

    /** item_price.py check_duplicates: the fields two Item Prices of one item and price list must not all share. */
    private static final List<String> DUPLICATE_KEY = List.of("uom", "valid_from", "valid_upto", "customer",
            "supplier", "batch_no", "packing_unit");

    private final SandboxStore store;

    ItemPriceRules(SandboxStore store) {
        this.store = store;
    }

    void validate(ObjectNode price) {
        ObjectNode item = validateItem(price);
        updatePriceListDetails(price);
        // item_price.json: uom fetch_from item_code.stock_uom; update_item_details copies the item's name.
        if (price.path("uom").asText().isEmpty()) {
            price.put("uom", item.path("stock_uom").asText());
        }
        price.put("item_name", item.path("item_name").asText());
        checkDuplicates(price);
    }

    /** validate_item: "Item {0} not found." */
    private ObjectNode validateItem(ObjectNode price) {
        ObjectNode item = store.stored("Item", price.path("item_code").asText());
        if (item == null) {
            throw FrappeError.validation("Item " + price.path("item_code").asText() + " not found.");
        }
        return item;
    }

    /** update_price_list_details: the list must exist and be enabled; buying, selling and currency come from it. */
    private void updatePriceListDetails(ObjectNode price) {
        ObjectNode list = store.stored("Price List", price.path("price_list").asText());
        if (list == null || list.path("enabled").asInt(1) != 1) {
            throw FrappeError.validation("The price list " + price.path("price_list").asText()
                    + " does not exist or is disabled");
        }
        price.put("buying", list.path("buying").asInt(0)).put("selling", list.path("selling").asInt(0))
                .put("currency", list.path("currency").asText());
    }

    /**
     * check_duplicates: another Item Price of the same item and price list with the same UOM, dates, customer,
     * supplier, batch and packing unit (blank matching blank) is refused with ItemPriceDuplicateItem.
     */
    private void checkDuplicates(ObjectNode price) {
        for (ObjectNode other : store.storedAll("Item Price")) {
            if (other.path("name").asText().equals(price.path("name").asText())
                    || !other.path("item_code").asText().equals(price.path("item_code").asText())
                    || !other.path("price_list").asText().equals(price.path("price_list").asText())) {
                continue;
            }
            if (DUPLICATE_KEY.stream().allMatch(field -> Objects.equals(blankAsEmpty(price, field),
                    blankAsEmpty(other, field)))) {
                throw new FrappeError(417, "ItemPriceDuplicateItem", "Item Price appears multiple times based on"
                        + " Price List, Supplier/Customer, Currency, Item, Batch, UOM, Qty, and Dates.");
            }
        }
    }

    /** Frappe's blank: null, "" and, for packing_unit, 0. */
    private static String blankAsEmpty(ObjectNode doc, String field) {
        String value = doc.path(field).asText();
        return value.equals("0") || value.equals("null") ? "" : value;
    }
}
