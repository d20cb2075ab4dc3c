package io.shoperp.mapping;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.shopify.ShopifyFulfillment;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.shopify.ShopifyRefund;

/**
 * The submitted Delivery Note of one Shopify fulfillment ({@code shopify_fulfillment_id}): each fulfilled line
 * delivers against the Sales Order rows holding its line item id ({@link SalesOrderMapper#LINE_ITEM_FIELD}), from
 * the warehouse mapped to the fulfillment's location. A line split over two rows (see {@link SalesOrderMapper})
 * fills them in order, each up to what it still has to deliver. It carries no charges (those are invoiced), only the
 * zero tax row that keeps ERPNext from adding Item Tax Template taxes ({@link SalesTaxRows}).
 * <p>
 * Goods a refund brings back return on a return Delivery Note against the note that delivered them
 * ({@link #returnNote}): {@code is_return}, rows naming the original row in {@code dn_detail} and not the Sales Order
 * (ERPNext would count the goods as undelivered again and reserve them for the order, selling_controller.py
 * update_reserved_qty, while Shopify refunded them), keyed {@code refund:<refund id>:<original note>}.
 */
public class DeliveryNoteMapper {

    /** The custom field keying a Delivery Note: the fulfillment id, or a refund's return key. */
    public static final String FULFILLMENT_KEY = "shopify_fulfillment_id";

    private final ErpNextMappingProperties mapping;

    public DeliveryNoteMapper(ErpNextMappingProperties mapping) {
        this.mapping = mapping;
    }

    /**
     * @param salesOrder the submitted Sales Order as ERPNext returns it now (row names and {@code delivered_qty})
     * @throws UnprocessableEventException when a fulfilled line has no Sales Order row or ships more than the rows have left
     */
    public ObjectNode map(ShopifyFulfillment fulfillment, ObjectNode salesOrder) {
        String warehouse = mapping.warehouseFor(fulfillment.locationId());
        String salesOrderName = OrderDocuments.text(salesOrder, "name");
        ObjectNode deliveryNote = OrderDocuments.followingDocument(OrderDocuments.DELIVERY_NOTE, salesOrder,
                        OrderDates.Posting.of(fulfillment.createdAt()), mapping)
                .put(FULFILLMENT_KEY, fulfillment.id().toString());
        ArrayNode items = deliveryNote.putArray("items");
        for (ShopifyOrder.LineItem line : fulfillment.lineItems()) {
            BigDecimal toDeliver = BigDecimal.valueOf(line.quantity());
            for (JsonNode orderRow : rowsOf(salesOrder, line.id())) {
                BigDecimal open = OrderDocuments.decimal(orderRow, "qty")
                        .subtract(orderRow.path("delivered_qty").decimalValue());
                BigDecimal quantity = toDeliver.min(open);
                if (quantity.signum() > 0) {
                    SellingRows.copyOf(items, orderRow, quantity)
                            .put("warehouse", warehouse)
                            .put("against_sales_order", salesOrderName)
                            .put("so_detail", OrderDocuments.text(orderRow, "name"));
                    toDeliver = toDeliver.subtract(quantity);
                }
            }
            if (toDeliver.signum() > 0) {
                throw new UnprocessableEventException("fulfillment " + fulfillment.id() + " ships " + line.quantity()
                        + " of line item " + line.id() + " but Sales Order " + salesOrderName + " has only "
                        + BigDecimal.valueOf(line.quantity()).subtract(toDeliver) + " left to deliver");
            }
        }
        if (items.isEmpty()) {
            throw new UnprocessableEventException("fulfillment " + fulfillment.id() + " ships nothing");
        }
        SellingRows.finish(items);
        deliveryNote.set("taxes", new SalesTaxRows(mapping, OrderDocuments.costCenterOf(salesOrder)).toRows());
        return deliveryNote;
    }

    /** The key of the return of refund {@code refundId} against Delivery Note {@code originalNote}. */
    public static String returnKey(long refundId, String originalNote) {
        return "refund:" + refundId + ":" + originalNote;
    }

    /** The Shopify line item a Delivery Note row delivers, or null for a row of no line. */
    public static Long lineOf(JsonNode row) {
        String line = row.path(SalesOrderMapper.LINE_ITEM_FIELD).asText();
        return line.isBlank() ? null : Long.valueOf(line);
    }

    /**
     * The return of what {@code original} delivered and is still to return, taken from {@code toReturn} (units per
     * line item, reduced by what this note takes back); rows go to the warehouse of the refund line's location.
     *
     * @return the return note; without rows when {@code original} delivered none of it
     */
    public ObjectNode returnNote(ShopifyRefund refund, ObjectNode original,
                                 Map<Long, ShopifyRefund.RefundLineItem> lines, Map<Long, Integer> toReturn) {
        String originalName = original.path("name").asText();
        OrderDates.Posting posting = OrderDates.Posting.of(refund.effectiveAt()).notBefore(original);
        ObjectNode returnNote = OrderDocuments.followingDocument(OrderDocuments.DELIVERY_NOTE, original, posting, mapping)
                .put("is_return", 1)
                .put("return_against", originalName)
                .put(FULFILLMENT_KEY, returnKey(refund.id(), originalName));
        ArrayNode items = returnNote.putArray("items");
        for (JsonNode row : original.path("items")) {
            Long line = lineOf(row);
            int left = toReturn.getOrDefault(line, 0);
            int returnable = row.path("qty").decimalValue().subtract(row.path("returned_qty").decimalValue()).intValue();
            int taken = Math.min(left, returnable);
            if (taken > 0) {
                Long location = lines.get(line).locationId();
                SellingRows.copyOf(items, row, BigDecimal.valueOf(-taken))
                        .put("warehouse", location == null ? row.path("warehouse").asText() : mapping.warehouseFor(location))
                        .put("dn_detail", row.path("name").asText());
                toReturn.put(line, left - taken);
            }
        }
        SellingRows.finish(items);
        returnNote.set("taxes", new SalesTaxRows(mapping, OrderDocuments.costCenterOf(original)).toRows());
        return returnNote;
    }

    private static List<JsonNode> rowsOf(ObjectNode salesOrder, long lineItemId) {
        List<JsonNode> rows = OrderDocuments.rowsOfLine(salesOrder, lineItemId);
        if (rows.isEmpty()) {
            throw new UnprocessableEventException("line item " + lineItemId + " has no row in Sales Order "
                    + salesOrder.path("name").asText());
        }
        return rows;
    }
}
