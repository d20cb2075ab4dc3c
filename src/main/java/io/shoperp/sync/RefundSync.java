package io.shoperp.sync;

import static io.shoperp.sync.SalesDocuments.INVOICE_KEY;
import static io.shoperp.sync.SalesDocuments.PAYMENT_ENTRY;
import static io.shoperp.sync.SalesDocuments.PAYMENT_KEY;
import static io.shoperp.sync.SalesDocuments.SALES_INVOICE;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.NotReadyException;
import io.shoperp.inbox.OrderFacts;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.mapping.CreditNoteMapper;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.PaymentEntryMapper;
import io.shoperp.shopify.ShopifyOrderPayloads;
import io.shoperp.shopify.ShopifyRefund;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies refunds/create: the refund's credit note (a submitted return Sales Invoice against the order's invoice,
 * keyed {@code refund:<refund id>}, see {@link CreditNoteMapper}) and, when money went back, one submitted refund
 * Payment Entry allocated against it (keyed {@code refund:<refund id>}, see {@link PaymentEntryMapper#refund}).
 * Goods that came back return on return Delivery Notes ({@link ReturnDeliveries}); the credit note moves no stock.
 * Each is created once; a replay finds them all and writes nothing. A refund whose order's invoice is not there yet is
 * {@link NotReadyException} (retried until the invoice lands); one whose invoice was cancelled in ERPNext cannot be
 * credited and fails at once ({@link UnprocessableEventException}). ERPNext failures propagate for the route to classify.
 */
public class RefundSync {

    private static final Logger log = LoggerFactory.getLogger(RefundSync.class);

    private final ErpNextClient client;
    private final SalesDocuments documents;
    private final OrderFacts orders;
    private final CreditNoteMapper creditNotes;
    private final PaymentEntryMapper payments;
    private final ReturnDeliveries returns;

    public RefundSync(ErpNextClient client, SalesDocuments documents, OrderFacts orders, ErpNextMappingProperties mapping) {
        this.client = client;
        this.documents = documents;
        this.orders = orders;
        this.creditNotes = new CreditNoteMapper(mapping);
        this.payments = new PaymentEntryMapper(mapping);
        this.returns = new ReturnDeliveries(documents, mapping);
    }

    /**
     * @throws NotReadyException when the order's submitted invoice, or what the order says about taxes, is not there
     *                           yet (transient)
     * @throws UnprocessableEventException when the payload is unusable, a mapping key is not configured or the order's invoice is
     *                          cancelled (permanent)
     * @throws io.shoperp.erpnext.ErpNextException when ERPNext fails or refuses a write
     */
    public ApplyOutcome apply(InboxEvent event) {
        ShopifyRefund refund = ShopifyOrderPayloads.refund(event.payload());
        String creditNoteKey = CreditNoteMapper.creditNoteKey(refund.id());
        Optional<ObjectNode> existingCreditNote = client.findByKey(SALES_INVOICE, INVOICE_KEY, creditNoteKey);
        ObjectNode creditNote = existingCreditNote.orElseGet(() -> createCreditNote(refund));
        String detail = "credit note " + creditNote.path("name").asText() + " for refund " + refund.id() + ": "
                + (existingCreditNote.isPresent() ? "unchanged" : "created") + "; " + refundPayment(refund, creditNote)
                + "; " + returns.restock(refund);
        log.debug("inbox event {} {} shopify_refund_id={} order_id={}: {}", event.id(), event.topic(), refund.id(),
                refund.orderId(), detail);
        return ApplyOutcome.done(detail);
    }

    private ObjectNode createCreditNote(ShopifyRefund refund) {
        ObjectNode invoice = documents.invoice(refund.orderId())
                .filter(found -> found.path("docstatus").asInt() != 0)
                .orElseThrow(() -> new NotReadyException("Sales Invoice for Shopify order " + refund.orderId()
                        + " not there yet"));
        if (invoice.path("docstatus").asInt() == 2) {
            throw new UnprocessableEventException("Sales Invoice " + invoice.path("name").asText() + " for Shopify order "
                    + refund.orderId() + " is cancelled: a credit note needs a submitted invoice; settle the refund in"
                    + " ERPNext, or submit an invoice for the order and replay");
        }
        ArrayNode againstInvoice = ErpNextClient.objectMapper().createArrayNode();
        againstInvoice.addArray().add("return_against").add("=").add(invoice.path("name").asText());
        againstInvoice.addArray().add("docstatus").add("=").add(1);
        ObjectNode creditNote = creditNotes.map(refund, invoice, documents.listed(SALES_INVOICE, againstInvoice),
                orders.taxesIncluded(refund.orderId()));
        return documents.createSubmitted(SALES_INVOICE, creditNote, INVOICE_KEY);
    }

    private String refundPayment(ShopifyRefund refund, ObjectNode creditNote) {
        return documents.ensureSubmitted(PAYMENT_ENTRY, PAYMENT_KEY, PaymentEntryMapper.refundPaymentKey(refund.id()),
                        () -> payments.refund(refund, creditNote))
                .map(entry -> "refund Payment Entry " + entry.name() + (entry.created() ? ": created" : ": unchanged"))
                .orElse("refund Payment Entry: none (no money went back)");
    }
}
