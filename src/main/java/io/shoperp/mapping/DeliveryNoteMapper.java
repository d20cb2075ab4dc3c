package io.shoperp.mapping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.shopify.ShopifyFulfillment;
import io.shoperp.shopify.ShopifyOrder;

/**
 * The submitted Delivery Note of one Shopify fulfillment ({@code shopify_fulfillment_id}): each fulfilled line
 * delivers against the Sales Order rows holding its line item id ({@link SalesOrderMapper#LINE_ITEM_FIELD}), from
 * the warehouse mapped to the fulfillment's location. A line split over two rows (see {@link SalesOrderMapper})
 * fills them in order, each up to what it still has to deliver. It carries no charges (those are invoiced), only the
 * zero tax row that keeps ERPNext from adding Item Tax Template taxes ({@link SalesTaxRows}).
 */
public class DeliveryNoteMapper {

    private final ErpNextMappingProperties mapping;

    public DeliveryNoteMapper(ErpNextMappingProperties mapping) {
        this.mapping = mapping;
    }

    /**
     * @param salesOrder the submitted Sales Order as ERPNext returns it now (row names and {@code delivered_qty})
     * @throws MappingException when a fulfilled line has no Sales Order row or ships more than the rows have left
     */
    public ObjectNode map(ShopifyFulfillment fulfillment, ObjectNode salesOrder) {
        String warehouse = mapping.warehouseFor(fulfillment.locationId());
        String salesOrderName = OrderDocuments.text(salesOrder, "name");
        ObjectNode deliveryNote = OrderDocuments.followingDocument(salesOrder, OrderDates.Posting.of(fulfillment.createdAt()))
                .put("shopify_fulfillment_id", fulfillment.id().toString());
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
                throw new MappingException("fulfillment " + fulfillment.id() + " ships " + line.quantity()
                        + " of line item " + line.id() + " but Sales Order " + salesOrderName + " has only "
                        + BigDecimal.valueOf(line.quantity()).subtract(toDeliver) + " left to deliver");
            }
        }
        if (items.isEmpty()) {
            throw new MappingException("fulfillment " + fulfillment.id() + " ships nothing");
        }
        SellingRows.finish(items);
        deliveryNote.set("taxes", new SalesTaxRows(mapping).toRows());
        return deliveryNote;
    }

    private static List<JsonNode> rowsOf(ObjectNode salesOrder, long lineItemId) {
        List<JsonNode> rows = new ArrayList<>();
        salesOrder.path("items").forEach(row -> {
            if (row.path(SalesOrderMapper.LINE_ITEM_FIELD).asText().equals(Long.toString(lineItemId))) {
                rows.add(row);
            }
        });
        if (rows.isEmpty()) {
            throw new MappingException("line item " + lineItemId + " has no row in Sales Order "
                    + salesOrder.path("name").asText());
        }
        return rows;
    }
}
