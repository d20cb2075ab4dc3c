package io.shoperp.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The last touch every item row of a selling document gets, so that ERPNext keeps it as the bridge wrote it on any
 * site, whatever its Selling and Stock Settings:
 * <ul>
 * <li>Rows of one item that would share a description get the Shopify line (and, for a line split over two rates,
 * the quantity and rate) added to it: selling_controller.py validate_for_duplicate_items refuses two rows with the
 * same item, description and warehouse unless Selling Settings allow_multiple_items is on (the doctype's default is
 * off), and a line whose net total does not divide into cents, or two lines of one variant, are two such rows.</li>
 * <li>A row at rate 0 (a free or fully discounted line) carries discount_percentage 100: taxes_and_totals.py
 * calculate_item_values otherwise prices a rate-0 row from the Item Price of the document's price list, which
 * ERPNext fills by itself from earlier orders (Stock Settings auto_insert_price_list_rate_if_missing).</li>
 * </ul>
 */
public final class SellingRows {

    private SellingRows() {
    }

    /** The rows, each with a description no other row of the same item has, and rate-0 rows kept at 0. */
    static ArrayNode finish(ArrayNode rows) {
        Map<List<String>, Integer> uses = new HashMap<>();
        rows.forEach(row -> uses.merge(descriptionKey(row), 1, Integer::sum));
        Set<List<String>> taken = new HashSet<>();
        for (JsonNode value : rows) {
            ObjectNode row = (ObjectNode) value;
            if (uses.get(descriptionKey(row)) > 1) {
                row.put("description", row.path("description").asText() + " (" + origin(row) + ")");
            }
            String described = row.path("description").asText();
            for (int n = 2; !taken.add(descriptionKey(row)); n++) {
                row.put("description", described + " #" + n);
            }
            if (row.path("rate").decimalValue().signum() == 0) {
                row.put("discount_percentage", 100);
            }
        }
        return rows;
    }

    private static List<String> descriptionKey(JsonNode row) {
        return List.of(row.path("item_code").asText(), row.path("description").asText());
    }

    private static String origin(JsonNode row) {
        String line = row.path(SalesOrderMapper.LINE_ITEM_FIELD).asText();
        String quantity = row.path("qty").decimalValue().abs().stripTrailingZeros().toPlainString() + " x "
                + row.path("rate").decimalValue().setScale(Money.SCALE, RoundingMode.HALF_UP).toPlainString();
        return line.isBlank() ? quantity : "Shopify line " + line + ", " + quantity;
    }

    /** A row that repeats {@code source}'s item, description, rate and Cost Center (an invoice, delivery or return row). */
    static ObjectNode copyOf(ArrayNode rows, JsonNode source, BigDecimal qty) {
        ObjectNode row = rows.addObject().put("item_code", OrderDocuments.text(source, "item_code"));
        OrderDocuments.putIfPresent(row, "description", source.path("description").asText(""));
        OrderDocuments.putIfPresent(row, "cost_center", source.path("cost_center").asText(""));
        return row.put("qty", qty)
                .put("rate", OrderDocuments.decimal(source, "rate"))
                .put(SalesOrderMapper.LINE_ITEM_FIELD, source.path(SalesOrderMapper.LINE_ITEM_FIELD).asText());
    }
}
