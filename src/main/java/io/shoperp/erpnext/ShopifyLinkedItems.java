package io.shoperp.erpnext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Items that carry a Shopify id in a custom field (the variant, the inventory item), read in one list call. */
public final class ShopifyLinkedItems {

    private static final Logger log = LoggerFactory.getLogger(ShopifyLinkedItems.class);
    private static final int ALL = 0;

    private ShopifyLinkedItems() {
    }

    /**
     * Item code -> the Shopify id in {@code idField}, for every Item with one set; an Item whose value is not a
     * number is left out with a WARN saying what it misses ({@code leftOut}, e.g. "its stock is not pushed").
     */
    public static Map<String, Long> byItemCode(ErpNextClient client, String idField, String leftOut) {
        ArrayNode filters = JsonNodeFactory.instance.arrayNode();
        filters.addArray().add(idField).add("is").add("set");
        Map<String, Long> idByCode = new LinkedHashMap<>();
        for (ObjectNode item : client.list("Item", List.of("item_code", idField), filters, ALL)) {
            String value = item.path(idField).asText().trim();
            try {
                idByCode.put(item.path("item_code").asText(), Long.parseLong(value));
            } catch (NumberFormatException e) {
                log.warn("Item {}: {} '{}' is not a Shopify id; {}", item.path("item_code").asText(), idField, value,
                        leftOut);
            }
        }
        return idByCode;
    }
}
