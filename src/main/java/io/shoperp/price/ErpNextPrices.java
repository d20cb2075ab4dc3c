package io.shoperp.price;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.ShopifyLinkedItems;
import io.shoperp.erpnext.ErpNextPermanentException;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.ItemMapper;
import org.springframework.stereotype.Component;

/**
 * The Item Prices of {@code erpnext.price-list} that the price sync reads and writes: the general price of an Item
 * (no customer, no supplier), the most recently modified one when dates or UOMs give an item several.
 */
@Component
public class ErpNextPrices {

    static final String ITEM_PRICE = "Item Price";
    /** item_price.py check_duplicates raises it for a second Item Price of the same item, list, UOM, party and dates. */
    static final String DUPLICATE = "ItemPriceDuplicateItem";
    static final String VARIANT_FIELD = ItemMapper.VARIANT_FIELD;

    private static final int ALL = 0;

    /** An Item mapped to a Shopify variant and its Item Price in the list. */
    public record MappedPrice(String itemCode, long variantId, ItemPrice itemPrice) {

        public BigDecimal price() {
            return itemPrice.price();
        }
    }

    /** A stored Item Price: its document name and rate. */
    public record ItemPrice(String name, BigDecimal price) {
    }

    private final ErpNextClient client;
    private final ErpNextMappingProperties mapping;

    public ErpNextPrices(ErpNextClient client, ErpNextMappingProperties mapping) {
        this.client = client;
        this.mapping = mapping;
    }

    /** Every Item with a Shopify variant that has a price in the list: two list calls, whatever the number. */
    public List<MappedPrice> mapped() {
        Map<String, Long> variantByCode = ShopifyLinkedItems.byItemCode(client, VARIANT_FIELD,
                "its price is not synced");
        Map<String, ItemPrice> prices = variantByCode.isEmpty() ? Map.of() : prices(null);
        List<MappedPrice> mapped = new ArrayList<>();
        variantByCode.forEach((code, variant) -> Optional.ofNullable(prices.get(code))
                .ifPresent(price -> mapped.add(new MappedPrice(code, variant, price))));
        return mapped;
    }

    /** The Item Prices of the given items in the list, by item code. */
    public Map<String, ItemPrice> of(Collection<String> itemCodes) {
        return itemCodes.isEmpty() ? Map.of() : prices(itemCodes);
    }

    /**
     * Sets the item's price in the list: the stored Item Price is updated, or one is created. ERPNext refuses a second
     * Item Price for the item (check_duplicates), so a create that raced with another, or whose answer was lost and is
     * repeated, finds that one and updates it instead.
     */
    public void set(String itemCode, BigDecimal price, Optional<ItemPrice> stored) {
        if (stored.isPresent()) {
            client.update(ITEM_PRICE, stored.get().name(), JsonNodeFactory.instance.objectNode()
                    .put("price_list_rate", price));
            return;
        }
        ObjectNode itemPrice = JsonNodeFactory.instance.objectNode()
                .put("item_code", itemCode)
                .put("price_list", mapping.priceList())
                .put("price_list_rate", price);
        try {
            client.insert(ITEM_PRICE, itemPrice);
        } catch (ErpNextPermanentException e) {
            if (!e.hasExcType(DUPLICATE)) {
                throw e;
            }
            ItemPrice existing = Optional.ofNullable(of(List.of(itemCode)).get(itemCode)).orElseThrow(() -> e);
            set(itemCode, price, Optional.of(existing));
        }
    }

    /** @param itemCodes null for every item */
    private Map<String, ItemPrice> prices(Collection<String> itemCodes) {
        ArrayNode filters = JsonNodeFactory.instance.arrayNode();
        filters.addArray().add("price_list").add("=").add(mapping.priceList());
        filters.addArray().add("customer").add("is").add("not set");
        filters.addArray().add("supplier").add("is").add("not set");
        if (itemCodes != null) {
            ArrayNode codes = filters.addArray().add("item_code").add("in").addArray();
            itemCodes.forEach(codes::add);
        }
        Map<String, ItemPrice> byCode = new LinkedHashMap<>();
        // Frappe lists by modified descending: the first of an item is its latest.
        for (ObjectNode price : client.list(ITEM_PRICE, List.of("name", "item_code", "price_list_rate"), filters, ALL)) {
            byCode.putIfAbsent(price.path("item_code").asText(), new ItemPrice(price.path("name").asText(),
                    price.path("price_list_rate").decimalValue()));
        }
        return byCode;
    }
}
