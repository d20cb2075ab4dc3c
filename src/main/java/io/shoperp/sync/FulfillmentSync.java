package io.shoperp.sync;

import static io.shoperp.sync.SalesDocuments.DELIVERY_NOTE;
import static io.shoperp.sync.SalesDocuments.FULFILLMENT_KEY;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.NotReadyException;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.mapping.DeliveryNoteMapper;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.InvoicePolicy;
import io.shoperp.shopify.ShopifyFulfillment;
import io.shoperp.shopify.ShopifyOrderPayloads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies fulfillments/create and fulfillments/update: one submitted Delivery Note per Shopify fulfilment
 * ({@code shopify_fulfillment_id}), its rows against the current Sales Order's rows, from the warehouse mapped to the
 * fulfilment's location. Stock leaves once: a Delivery Note that exists is never written again. Under
 * {@code erpnext.invoice-on: fulfilled} the first Delivery Note also invoices the whole Sales Order ({@link OrderInvoicing}). A fulfilment that
 * arrives before its submitted Sales Order is {@link NotReadyException} (retried until the order lands).
 * <p>
 * A fulfilment whose status is cancelled, failure or error shipped nothing and gets no Delivery Note. One that was
 * delivered and is cancelled later (fulfillments/update) is not reversed here: the Delivery Note stays for someone
 * in ERPNext to cancel, because undoing a stock movement is a decision about goods that may have left anyway. The
 * event ends IGNORED with a reason naming the Delivery Note, and a WARN line says so.
 * ERPNext failures (e.g. OverAllowanceError, NegativeStockError) propagate for the route to classify.
 */
public class FulfillmentSync {

    /** Shopify fulfilment statuses under which nothing left the warehouse. */
    static final Set<String> NOT_SHIPPED = Set.of("cancelled", "failure", "error");

    private static final Logger log = LoggerFactory.getLogger(FulfillmentSync.class);

    private final ErpNextClient client;
    private final SalesDocuments documents;
    private final DeliveryNoteMapper mapper;
    private final OrderInvoicing invoicing;

    public FulfillmentSync(ErpNextClient client, SalesDocuments documents, ErpNextMappingProperties mapping) {
        this.client = client;
        this.documents = documents;
        this.mapper = new DeliveryNoteMapper(mapping);
        this.invoicing = new OrderInvoicing(documents, mapping);
    }

    /**
     * @throws NotReadyException when the fulfilment's Sales Order is not there or not submitted yet (transient)
     * @throws UnprocessableEventException when the payload is unusable or the fulfilment does not fit the Sales Order (permanent)
     * @throws io.shoperp.erpnext.ErpNextException when ERPNext fails or refuses the Delivery Note
     */
    public ApplyOutcome apply(InboxEvent event) {
        ShopifyFulfillment fulfillment = ShopifyOrderPayloads.fulfillment(event.payload());
        String detail = deliver(fulfillment);
        log.debug("inbox event {} {} shopify_fulfillment_id={} order_id={}: {}", event.id(), event.topic(),
                fulfillment.id(), fulfillment.orderId(), detail);
        return shipped(fulfillment) ? ApplyOutcome.done(detail) : ApplyOutcome.ignored(detail);
    }

    /**
     * The Delivery Note of one fulfilment, for a fulfilment webhook and for the {@code fulfillments[]} of an
     * orders/fulfilled or orders/partially_fulfilled payload alike.
     *
     * @return what happened, for the event's history
     * @throws NotReadyException when the fulfilment's Sales Order is not there or not submitted yet (transient)
     */
    public String deliver(ShopifyFulfillment fulfillment) {
        String subject = "fulfillment " + fulfillment.id();
        Optional<ObjectNode> existing = client.findByKey(DELIVERY_NOTE, FULFILLMENT_KEY, fulfillment.id().toString());
        if (!shipped(fulfillment)) {
            if (existing.isEmpty()) {
                return subject + ": no Delivery Note, status " + fulfillment.status() + " means nothing shipped";
            }
            String kept = "Delivery Note " + existing.get().path("name").asText() + " for " + subject + " kept: status "
                    + fulfillment.status() + " came after it was delivered; cancel it in ERPNext if the goods came back";
            log.warn("order_id={} {}", fulfillment.orderId(), kept);
            return kept;
        }
        if (existing.isPresent()) {
            return "Delivery Note " + existing.get().path("name").asText() + " for " + subject + ": unchanged"
                    + invoiceOnFulfilment(fulfillment, () -> submittedSalesOrder(fulfillment));
        }
        ObjectNode salesOrder = submittedSalesOrder(fulfillment);
        ObjectNode deliveryNote = documents.createSubmitted(DELIVERY_NOTE, mapper.map(fulfillment, salesOrder),
                FULFILLMENT_KEY);
        return "Delivery Note " + deliveryNote.path("name").asText() + " for " + subject + ": created"
                + invoiceOnFulfilment(fulfillment, () -> salesOrder);
    }

    /**
     * Under erpnext.invoice-on: fulfilled the first goods to leave invoice the whole Sales Order. Also after a Delivery
     * Note found, so a crash between the two still ends invoiced.
     */
    private String invoiceOnFulfilment(ShopifyFulfillment fulfillment, Supplier<ObjectNode> salesOrder) {
        if (!invoicing.invoicesOn(InvoicePolicy.FULFILLED)) {
            return "";
        }
        return invoicing.ensure(fulfillment.orderId(), salesOrder, fulfillment.createdAt())
                .map(invoiced -> invoiced.created() ? ", " + invoiced.describe() : "")
                .orElse("");
    }

    private ObjectNode submittedSalesOrder(ShopifyFulfillment fulfillment) {
        return documents.currentSalesOrder(fulfillment.orderId())
                .filter(order -> order.path("docstatus").asInt() == 1)
                .orElseThrow(() -> new NotReadyException("Sales Order for Shopify order " + fulfillment.orderId()
                        + " not there yet"));
    }

    /** A status Shopify did not send is not one of the failures. */
    private static boolean shipped(ShopifyFulfillment fulfillment) {
        return fulfillment.status() == null || !NOT_SHIPPED.contains(fulfillment.status());
    }
}
