package io.shoperp.mapping;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The submitted Sales Invoice of a paid order, made from its Sales Order as ERPNext returned it: the same rows
 * (each linked by {@code sales_order} / {@code so_detail}), rates and charges, so its grand total is the Sales
 * Order's. Keyed by {@code shopify_invoice_key} = the Shopify order id. Stock is not moved by the invoice
 * ({@code update_stock} 0): Delivery Notes move it, one per fulfillment.
 */
public class SalesInvoiceMapper {

    private final ErpNextMappingProperties mapping;

    public SalesInvoiceMapper(ErpNextMappingProperties mapping) {
        this.mapping = mapping;
    }

    /**
     * @param salesOrder the submitted Sales Order as ERPNext returned it (name, row names, shopify_order_id)
     * @param paidAt     when Shopify recorded the payment (the orders/paid event's updated_at): posting and due date
     */
    public ObjectNode fromSalesOrder(ObjectNode salesOrder, OffsetDateTime paidAt) {
        String salesOrderName = OrderDocuments.text(salesOrder, "name");
        OrderDates.Posting posting = OrderDates.Posting.of(paidAt);
        ObjectNode invoice = OrderDocuments.followingDocument(OrderDocuments.SALES_INVOICE, salesOrder, posting, mapping)
                .put("due_date", posting.date())
                .put("update_stock", 0)
                .put("shopify_invoice_key", OrderDocuments.text(salesOrder, "shopify_order_id"));
        ArrayNode items = invoice.putArray("items");
        for (JsonNode orderRow : salesOrder.path("items")) {
            SellingRows.copyOf(items, orderRow, OrderDocuments.decimal(orderRow, "qty"))
                    .put("warehouse", orderRow.path("warehouse").asText())
                    .put("sales_order", salesOrderName)
                    .put("so_detail", OrderDocuments.text(orderRow, "name"));
        }
        SellingRows.finish(items);
        invoice.set("taxes", OrderDocuments.copyCharges(salesOrder));
        return invoice;
    }
}
