package io.shoperp.sync;

import static io.shoperp.sync.SalesDocuments.INVOICE_KEY;
import static io.shoperp.sync.SalesDocuments.SALES_INVOICE;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.InvoicePolicy;
import io.shoperp.mapping.SalesInvoiceMapper;

/**
 * The one Sales Invoice of an order (shopify_invoice_key = order id), made from its whole submitted Sales Order when
 * the event {@code erpnext.invoice-on} names happens: OrderSync for paid and created, FulfillmentSync for fulfilled,
 * PaymentSync for a captured transaction under paid. Whoever comes first makes it; the others find it.
 */
public class OrderInvoicing {

    private static final int SUBMITTED = 1;

    private final SalesDocuments documents;
    private final InvoicePolicy policy;
    private final SalesInvoiceMapper invoices;

    public OrderInvoicing(SalesDocuments documents, ErpNextMappingProperties mapping) {
        this.documents = documents;
        this.policy = mapping.getInvoiceOn();
        this.invoices = new SalesInvoiceMapper(mapping);
    }

    public boolean invoicesOn(InvoicePolicy event) {
        return policy == event;
    }

    /** An invoice made or found: the document as ERPNext returned it, and whether this call created it. */
    public record Invoiced(ObjectNode invoice, boolean created) {

        public String describe() {
            return "Sales Invoice " + invoice.path("name").asText() + (created ? " created" : " unchanged");
        }
    }

    /**
     * The order's invoice, created from its Sales Order when missing; empty when the Sales Order is not submitted
     * (a cancelled order is not invoiced).
     *
     * @param salesOrder the order's current Sales Order, asked for only when the invoice is missing
     * @param invoicedAt when the policy's event happened: the invoice's posting and due date
     */
    public Optional<Invoiced> ensure(long orderId, Supplier<ObjectNode> salesOrder, OffsetDateTime invoicedAt) {
        Optional<ObjectNode> existing = documents.invoice(orderId);
        if (existing.isPresent()) {
            return Optional.of(new Invoiced(existing.get(), false));
        }
        return create(salesOrder.get(), invoicedAt);
    }

    private Optional<Invoiced> create(ObjectNode salesOrder, OffsetDateTime invoicedAt) {
        if (salesOrder.path("docstatus").asInt() != SUBMITTED) {
            return Optional.empty();
        }
        return Optional.of(new Invoiced(documents.createSubmitted(SALES_INVOICE,
                invoices.fromSalesOrder(salesOrder, invoicedAt), INVOICE_KEY), true));
    }
}
