package io.shoperp.sync;

import static io.shoperp.sync.SalesDocuments.PAYMENT_ENTRY;
import static io.shoperp.sync.SalesDocuments.PAYMENT_KEY;
import static io.shoperp.sync.SalesDocuments.SALES_INVOICE;
import static io.shoperp.sync.SalesDocuments.SALES_ORDER;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.NotReadyException;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.InvoicePolicy;
import io.shoperp.mapping.PaymentEntryMapper;
import io.shoperp.shopify.ShopifyAdminClient;
import io.shoperp.shopify.ShopifyAdminClients;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.shopify.ShopifyOrderPayloads;
import io.shoperp.shopify.ShopifyPermanentException;
import io.shoperp.shopify.ShopifyTransaction;
import io.shoperp.shopify.ShopifyTransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The money Shopify captured for an order, one submitted Payment Entry per successful sale or capture transaction
 * (shopify_payment_key = {@code transaction:<id>}, on its gateway's account, see {@link PaymentEntryMapper#capture}):
 * from order_transactions/create, and for the orders/* events that show captured money, from the order's transactions
 * read through the Admin API. Before the order is invoiced a payment is booked against its Sales Order as an advance
 * (the invoice takes it over); it never waits for the invoice. Under {@code erpnext.invoice-on: paid} a captured
 * transaction invoices the order first.
 * <p>
 * A shop without Admin API access keeps the one receipt per order (order:&lt;id&gt;) that orders/paid always made; an
 * order paid that way gets no transaction entries on top, whatever arrives later.
 */
public class PaymentSync {

    private static final Logger log = LoggerFactory.getLogger(PaymentSync.class);
    private static final int SUBMITTED = 1;
    private static final int CANCELLED = 2;

    private final ErpNextClient client;
    private final SalesDocuments documents;
    private final OrderInvoicing invoicing;
    private final ShopifyAdminClients adminClients;
    private final PaymentEntryMapper payments;

    public PaymentSync(ErpNextClient client, SalesDocuments documents, OrderInvoicing invoicing,
                       ShopifyAdminClients adminClients, ErpNextMappingProperties mapping) {
        this.client = client;
        this.documents = documents;
        this.invoicing = invoicing;
        this.adminClients = adminClients;
        this.payments = new PaymentEntryMapper(mapping);
    }

    /**
     * Applies order_transactions/create: a captured payment is booked, anything else (an authorization, a void, a
     * pending or failed attempt, a refund, which refunds/create books) is IGNORED with the reason.
     *
     * @throws NotReadyException when the order's Sales Order is not there yet (transient)
     */
    public ApplyOutcome apply(InboxEvent event) {
        ShopifyTransaction transaction = ShopifyOrderPayloads.transaction(event.payload());
        if (transaction.orderId() == null) {
            throw new UnprocessableEventException("malformed Shopify payload: transaction.order_id is missing");
        }
        if (!transaction.isCapturedPayment()) {
            return ApplyOutcome.ignored("transaction " + transaction.id() + " (" + transaction.kind() + ", "
                    + transaction.status() + ") moved no money to the shop"
                    + ("refund".equals(transaction.kind()) ? ": refunds/create books refunds" : ""));
        }
        String detail = legacyReceipt(transaction.orderId())
                .orElseGet(() -> book(transaction.orderId(), List.of(transaction), Optional.empty()));
        log.debug("inbox event {} {} order_id={}: {}", event.id(), event.topic(), transaction.orderId(), detail);
        return ApplyOutcome.done(detail);
    }

    /**
     * The payments of an order whose orders/* event shows captured money: each captured transaction, read through the
     * shop's Admin API; without one, the single receipt of a paid order against its invoice.
     *
     * @param invoice the order's invoice, if it has one now
     */
    public String settle(String shopDomain, ShopifyOrder order, Optional<ObjectNode> invoice) {
        Optional<ShopifyAdminClient> admin = adminClients.forShop(shopDomain);
        if (admin.isEmpty()) {
            return orderReceipt(order, invoice);
        }
        if (owesNothing(order.id(), invoice)) {
            // Spares the Admin API a read per orders/updated of a settled order, and ERPNext the look for an
            // order:<id> receipt: with nothing owed, nothing is booked either way.
            return "nothing owed: Shopify's transactions not read";
        }
        Optional<String> legacy = legacyReceipt(order.id());
        if (legacy.isPresent()) {
            return legacy.get();
        }
        List<ShopifyTransaction> captured = transactionsOf(admin.get(), order.id()).stream()
                .filter(ShopifyTransaction::isCapturedPayment).toList();
        return captured.isEmpty() ? "no captured transaction yet" : book(order.id(), captured, invoice);
    }

    /**
     * Today's receipt for shops whose transactions cannot be read: what the invoice owes once the order is paid (all of
     * it, unless order_transactions/create webhooks paid part already).
     */
    private String orderReceipt(ShopifyOrder order, Optional<ObjectNode> invoice) {
        if (!order.isPaid()) {
            return "partly paid: without Admin API access (shopify.shops[].admin-api-url) the payment is booked once"
                    + " the order is paid";
        }
        if (invoice.isEmpty()) {
            return "paid: without Admin API access the Payment Entry waits for the invoice";
        }
        return documents.ensureSubmitted(PAYMENT_ENTRY, PAYMENT_KEY, PaymentEntryMapper.orderPaymentKey(order.id()),
                        () -> payments.receipt(order, invoice.get()))
                .map(entry -> "Payment Entry " + entry.name() + (entry.created() ? " created" : " unchanged"))
                .orElse(invoice.get().path("grand_total").decimalValue().signum() == 0
                        ? "no Payment Entry: the invoice totals 0.00" : "no Payment Entry: the invoice owes nothing");
    }

    /**
     * Each captured transaction's Payment Entry (the caller made sure no order:&lt;id&gt; receipt paid the order).
     *
     * @param knownInvoice the order's invoice as the caller's event read or created it, if it has one
     */
    private String book(long orderId, List<ShopifyTransaction> captured, Optional<ObjectNode> knownInvoice) {
        Optional<ObjectNode> invoice = knownInvoice;
        if (invoice.isEmpty() && invoicing.invoicesOn(InvoicePolicy.PAID)) {
            OffsetDateTime capturedAt = captured.get(0).processedAt();
            invoice = invoicing.ensure(orderId, () -> submittedSalesOrder(orderId), capturedAt != null ? capturedAt
                    : OffsetDateTime.now(ZoneOffset.UTC)).map(OrderInvoicing.Invoiced::invoice);
        }
        // The invoice as ensure left it pays the first transaction without being read again; a payment changes its
        // outstanding amount, so any further transaction reads it afresh.
        AtomicReference<Optional<ObjectNode>> unpaidInvoice = new AtomicReference<>(invoice);
        return String.join("; ", captured.stream().map(transaction -> documents.ensureSubmitted(PAYMENT_ENTRY,
                        PAYMENT_KEY, PaymentEntryMapper.transactionPaymentKey(transaction.id()),
                        () -> payingDocument(orderId, unpaidInvoice.getAndSet(Optional.empty()),
                                (doctype, document) -> payments.capture(transaction, doctype, document)))
                .map(entry -> "Payment Entry " + entry.name() + " for transaction " + transaction.id()
                        + (entry.created() ? " created" : " unchanged"))
                .orElse("transaction " + transaction.id() + " of 0.00: no Payment Entry")).toList());
    }

    /** An order paid before its transactions were read keeps that one receipt: booking them too would pay twice. */
    private Optional<String> legacyReceipt(long orderId) {
        String key = PaymentEntryMapper.orderPaymentKey(orderId);
        return client.findByKey(PAYMENT_ENTRY, PAYMENT_KEY, key)
                .map(entry -> "paid by Payment Entry " + entry.path("name").asText() + " (" + key + "): unchanged");
    }

    /**
     * The submitted invoice once there is one, else the submitted Sales Order (an advance the invoice takes over).
     *
     * @param knownInvoice the invoice as this event just read or created it, when nothing has paid it since
     */
    private Optional<ObjectNode> payingDocument(long orderId, Optional<ObjectNode> knownInvoice,
            BiFunction<String, ObjectNode, Optional<ObjectNode>> builder) {
        Optional<ObjectNode> invoice = knownInvoice.isPresent() ? knownInvoice : documents.invoice(orderId);
        if (invoice.isPresent()) {
            if (invoice.get().path("docstatus").asInt() != SUBMITTED) {
                throw new UnprocessableEventException("Sales Invoice " + invoice.get().path("name").asText()
                        + " for Shopify order " + orderId + " is not submitted: book the payment in ERPNext, or submit"
                        + " the invoice and replay");
            }
            return builder.apply(SALES_INVOICE, invoice.get());
        }
        return builder.apply(SALES_ORDER, submittedSalesOrder(orderId));
    }

    /** @param invoice the order's invoice as this event read or created it (not read again), if it has one */
    private boolean owesNothing(long orderId, Optional<ObjectNode> invoice) {
        if (invoice.isPresent()) {
            return invoice.get().path("outstanding_amount").decimalValue().signum() <= 0;
        }
        return documents.currentSalesOrder(orderId).filter(order -> order.path("docstatus").asInt() == SUBMITTED)
                .map(order -> order.path("grand_total").decimalValue().compareTo(order.path("advance_paid").decimalValue()) <= 0)
                .orElse(false);
    }

    private ObjectNode submittedSalesOrder(long orderId) {
        ObjectNode salesOrder = documents.currentSalesOrder(orderId).orElseThrow(() -> new NotReadyException(
                "Sales Order for Shopify order " + orderId + " not there yet"));
        int status = salesOrder.path("docstatus").asInt();
        if (status == CANCELLED) {
            throw new UnprocessableEventException("Sales Order " + salesOrder.path("name").asText() + " for Shopify order "
                    + orderId + " is cancelled: book the money Shopify captured in ERPNext");
        }
        if (status != SUBMITTED) {
            throw new NotReadyException("Sales Order " + salesOrder.path("name").asText() + " not submitted yet");
        }
        return salesOrder;
    }

    /** Shopify's failures in ERPNext's terms for the inbox: a retry for what may pass, dead for what will not. */
    private static List<ShopifyTransaction> transactionsOf(ShopifyAdminClient admin, long orderId) {
        try {
            return admin.orderTransactions(orderId);
        } catch (ShopifyTransientException e) {
            throw new NotReadyException("transactions of Shopify order " + orderId + ": " + e.getMessage());
        } catch (ShopifyPermanentException e) {
            throw new UnprocessableEventException("transactions of Shopify order " + orderId + " cannot be read (the"
                    + " Admin API token needs the read_orders scope): " + e.getMessage(), e);
        }
    }
}
