package io.shoperp.mapping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;

/** Reading the ERPNext documents (as ERPNext returned them) that later documents of an order are built from. */
public final class OrderDocuments {

    public static final String SALES_ORDER = "Sales Order";
    public static final String SALES_INVOICE = "Sales Invoice";
    public static final String DELIVERY_NOTE = "Delivery Note";
    public static final String PAYMENT_ENTRY = "Payment Entry";

    /** Between the order id and the replaced Sales Order's name in the key of an amendment. */
    private static final String AMENDS = "/amends/";

    private OrderDocuments() {
    }

    /**
     * The shopify_order_id of a Sales Order amending {@code replacedName}: the unique key still belongs to the
     * cancelled original, so the amendment gets one of its own, derived from what it replaces, so that creating it
     * twice (a retry) still makes one document.
     */
    public static String amendmentKey(long orderId, String replacedName) {
        return orderId + AMENDS + replacedName;
    }

    /** The Shopify order id of a Sales Order, an amendment's (whose shopify_order_id is an {@link #amendmentKey}) too. */
    static String shopifyOrderIdOf(JsonNode salesOrder) {
        String key = text(salesOrder, "shopify_order_id");
        int amends = key.indexOf(AMENDS);
        return amends < 0 ? key : key.substring(0, amends);
    }

    /** A field ERPNext always returns on a saved document; its absence means the caller passed the wrong thing. */
    static String text(JsonNode document, String field) {
        String value = document.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("expected an ERPNext document with " + field + ", got " + document);
        }
        return value;
    }

    static BigDecimal decimal(JsonNode document, String field) {
        JsonNode value = document.path(field);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("expected an ERPNext document with a numeric " + field + ", got " + document);
        }
        return value.decimalValue();
    }

    /** Sets the field only when there is a value: null must not blank what ERPNext would fill in by itself. */
    static void putIfPresent(ObjectNode document, String field, String value) {
        if (value != null && !value.isBlank()) {
            document.put(field, value);
        }
    }

    /** The Cost Center a document's rows were booked on, null when ERPNext chose. */
    static String costCenterOf(JsonNode document) {
        String costCenter = document.path("cost_center").asText("");
        return costCenter.isBlank() ? null : costCenter;
    }

    /** The item rows of a document that stand for one Shopify line ({@link SalesOrderMapper#LINE_ITEM_FIELD}). */
    static List<JsonNode> rowsOfLine(JsonNode document, long lineItemId) {
        String line = Long.toString(lineItemId);
        List<JsonNode> rows = new ArrayList<>();
        document.path("items").forEach(row -> {
            if (row.path(SalesOrderMapper.LINE_ITEM_FIELD).asText().equals(line)) {
                rows.add(row);
            }
        });
        return rows;
    }

    /**
     * The header every later selling document of an order shares with the one it follows (same customer, its
     * Addresses, company, Cost Center, currency and exchange rate, price list and Shopify order name), posted at
     * {@code posting} (date and time, so ERPNext's server clock never decides it), submitted on creation, with
     * ERPNext's repricing and whole-unit rounding off so the mapped amounts stand; named by the series configured
     * for {@code doctype}.
     */
    static ObjectNode followingDocument(String doctype, JsonNode source, OrderDates.Posting posting,
                                        ErpNextMappingProperties mapping) {
        ObjectNode document = ErpNextClient.objectMapper().createObjectNode()
                .put("customer", text(source, "customer"))
                .put("company", text(source, "company"))
                .put("currency", text(source, "currency"))
                .put("selling_price_list", text(source, "selling_price_list"))
                .put(SalesOrderMapper.ORDER_NAME_FIELD, source.path(SalesOrderMapper.ORDER_NAME_FIELD).asText())
                .put("posting_date", posting.date())
                .put("posting_time", posting.time())
                .put("set_posting_time", 1)
                .put("ignore_pricing_rule", 1)
                .put("disable_rounded_total", 1)
                .put("docstatus", 1);
        if (source.path("conversion_rate").isNumber()) {
            document.put("conversion_rate", source.get("conversion_rate").decimalValue());
        }
        for (String copied : List.of("customer_address", "shipping_address_name", "cost_center")) {
            putIfPresent(document, copied, source.path(copied).asText(""));
        }
        mapping.namingSeriesFor(doctype).ifPresent(series -> document.put("naming_series", series));
        return document;
    }

    /**
     * The Actual charge rows of a document, carried whole onto the next one (the invoice of a Sales Order): the same
     * amounts, Cost Centers and item-wise tax detail.
     */
    static ArrayNode copyCharges(JsonNode document) {
        ArrayNode rows = ErpNextClient.objectMapper().createArrayNode();
        for (JsonNode tax : document.path("taxes")) {
            ObjectNode row = rows.addObject()
                    .put("charge_type", text(tax, "charge_type"))
                    .put("account_head", text(tax, "account_head"))
                    .put("description", tax.path("description").asText())
                    .put("tax_amount", decimal(tax, "tax_amount"));
            putIfPresent(row, "cost_center", tax.path("cost_center").asText(""));
            if (tax.path("dont_recompute_tax").asInt() == 1) {
                row.put("item_wise_tax_detail", tax.path("item_wise_tax_detail").asText())
                        .put("dont_recompute_tax", 1);
            }
        }
        return rows;
    }
}
