package io.shoperp.mapping;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The submitted Sales Invoice of an order, made from its whole Sales Order as ERPNext returned it: the same rows
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
     * @param invoicedAt when the event {@code erpnext.invoice-on} names happened (paid, fulfilled, created): posting
     *                   and due date
     */
    public ObjectNode fromSalesOrder(ObjectNode salesOrder, OffsetDateTime invoicedAt) {
        String salesOrderName = OrderDocuments.text(salesOrder, "name");
        OrderDates.Posting posting = OrderDates.Posting.of(invoicedAt);
        ObjectNode invoice = OrderDocuments.followingDocument(OrderDocuments.SALES_INVOICE, salesOrder, posting, mapping)
                .put("due_date", posting.date())
                .put("update_stock", 0)
                // Money captured before the invoice was booked against the Sales Order as an advance: ERPNext moves
                // it onto the invoice (accounts_controller.py set_advances). Only advances allocated to this order,
                // never another order's unallocated money (all guest checkouts share one Customer).
                .put("allocate_advances_automatically", 1)
                .put("only_include_allocated_payments", 1)
                .put("shopify_invoice_key", OrderDocuments.shopifyOrderIdOf(salesOrder));
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
