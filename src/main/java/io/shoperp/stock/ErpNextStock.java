package io.shoperp.stock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.shoperp.erpnext.ErpNextCircuitBreakerConfiguration;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.ShopifyLinkedItems;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * ERPNext's available stock (actual minus reserved, from Bin) of the Items that name a Shopify inventory item, in a
 * few list calls. An Item without a Bin in a warehouse has nothing there. The read goes through the ERPNext circuit
 * breaker the inbox routes share, so a push neither hammers an ERPNext known to be down nor hides its failures from
 * the event processing.
 */
@Component
public class ErpNextStock {

    /** The Item custom field holding the Shopify inventory item id of its variant. */
    public static final String INVENTORY_ITEM_FIELD = "shopify_inventory_item_id";

    /** Item codes per Bin list call: keeps the filter, and so the URL, short. */
    private static final int ITEMS_PER_CALL = 100;
    private static final int ALL = 0;

    /** Available stock of an Item, mapped to its Shopify inventory item, in a warehouse. */
    public record Level(String itemCode, long inventoryItemId, String warehouse, int available) {
    }

    private final ErpNextClient client;
    private final CircuitBreaker breaker;

    public ErpNextStock(ErpNextClient client,
            @Qualifier(ErpNextCircuitBreakerConfiguration.CIRCUIT_BREAKER_BEAN) CircuitBreaker breaker) {
        this.client = client;
        this.breaker = breaker;
    }

    /**
     * One level per mapped Item and warehouse.
     *
     * @throws CallNotPermittedException while the ERPNext circuit is open
     */
    public List<Level> available(Collection<String> warehouses) {
        if (warehouses.isEmpty()) {
            return List.of();
        }
        return breaker.executeSupplier(() -> read(warehouses));
    }

    private List<Level> read(Collection<String> warehouses) {
        Map<String, Long> inventoryItemByCode = mappedItems();
        List<String> codes = new ArrayList<>(inventoryItemByCode.keySet());
        Map<String, Integer> availableByBin = new HashMap<>();
        for (int from = 0; from < codes.size(); from += ITEMS_PER_CALL) {
            ArrayNode filters = JsonNodeFactory.instance.arrayNode();
            inFilter(filters, "item_code", codes.subList(from, Math.min(codes.size(), from + ITEMS_PER_CALL)));
            inFilter(filters, "warehouse", warehouses);
            for (ObjectNode bin : client.list("Bin", List.of("item_code", "warehouse", "actual_qty", "reserved_qty"),
                    filters, ALL)) {
                availableByBin.put(binKey(bin.path("item_code").asText(), bin.path("warehouse").asText()),
                        available(bin.path("actual_qty"), bin.path("reserved_qty")));
            }
        }
        List<Level> levels = new ArrayList<>();
        inventoryItemByCode.forEach((code, inventoryItem) -> warehouses.forEach(warehouse -> levels.add(
                new Level(code, inventoryItem, warehouse, availableByBin.getOrDefault(binKey(code, warehouse), 0)))));
        return levels;
    }

    private Map<String, Long> mappedItems() {
        return ShopifyLinkedItems.byItemCode(client, INVENTORY_ITEM_FIELD, "its stock is not pushed");
    }

    /**
     * Whole units only, rounded down, never below zero: Shopify counts units, and a fraction or a reservation beyond
     * stock must not be offered.
     */
    static int available(JsonNode actual, JsonNode reserved) {
        BigDecimal available = decimal(actual).subtract(decimal(reserved)).setScale(0, RoundingMode.FLOOR);
        if (available.signum() <= 0) {
            return 0;
        }
        return available.min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValueExact();
    }

    /** An ERPNext quantity, a number or its text; blank or absent is zero. */
    static BigDecimal decimal(JsonNode quantity) {
        return quantity.isNumber() ? quantity.decimalValue()
                : quantity.asText().isBlank() ? BigDecimal.ZERO : new BigDecimal(quantity.asText());
    }

    private static void inFilter(ArrayNode filters, String field, Collection<String> values) {
        ArrayNode list = filters.addArray().add(field).add("in").addArray();
        values.forEach(list::add);
    }

    private static String binKey(String itemCode, String warehouse) {
        return itemCode + "\u0000" + warehouse;
    }
}
