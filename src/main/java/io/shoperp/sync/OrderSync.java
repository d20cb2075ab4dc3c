package io.shoperp.sync;

import static io.shoperp.sync.SalesDocuments.ORDER_KEY;
import static io.shoperp.sync.SalesDocuments.SALES_ORDER;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.ErpNextPermanentException;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.ErpNextTotals;
import io.shoperp.mapping.InvoicePolicy;
import io.shoperp.mapping.ItemCodes;
import io.shoperp.mapping.ItemMapper;
import io.shoperp.mapping.OrderContext;
import io.shoperp.mapping.OrderDocuments;
import io.shoperp.mapping.SalesOrderMapper;
import io.shoperp.shopify.ShopifyCustomer;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.shopify.ShopifyOrderPayloads;

/**
 * Applies every orders/* event. Each carries the whole Order, so each brings ERPNext to the order's state,
 * whichever arrives first: Customer and Items ensured, a submitted Sales Order (amended while nothing
 * downstream exists, a conflict afterwards), a submitted Sales Invoice when {@code erpnext.invoice-on} says
 * ({@link OrderInvoicing}), and once Shopify captured money its Payment Entries ({@link PaymentSync}); a cancelled
 * order cancels its Sales Order while nothing downstream exists; the fulfillments it lists become Delivery Notes.
 * Every write is keyed, so a replay or a racing worker changes nothing.
 */
public class OrderSync {

    private static final String ITEM = "Item";
    private static final int SUBMITTED = 1;
    private static final int CANCELLED = 2;

    private final ErpNextClient client;
    private final SalesDocuments documents;
    private final ErpNextMappingProperties mapping;
    private final SalesOrderMapper salesOrders;
    private final OrderInvoicing invoicing;
    private final PaymentSync payments;
    private final ItemMapper items;
    private final FulfillmentSync fulfillments;
    private final CompanyDefaults companies;
    private final ErpNextCustomers customers;
    private final OrderAddresses addresses;
    /** Shopify customer id -> the name of its ERPNext Customer, once found or created. */
    private final ExpiringCache<String> customerNames;
    /** Item codes known to exist: an Item the bridge found or created is not looked up again. */
    private final ExpiringCache<Boolean> knownItems;

    public OrderSync(ErpNextClient client, SalesDocuments documents, ErpNextMappingProperties mapping,
                     FulfillmentSync fulfillments, CompanyDefaults companies, OrderInvoicing invoicing,
                     PaymentSync payments, Clock clock) {
        this.client = client;
        this.companies = companies;
        this.documents = documents;
        this.fulfillments = fulfillments;
        this.mapping = mapping;
        this.salesOrders = new SalesOrderMapper(mapping);
        this.invoicing = invoicing;
        this.payments = payments;
        this.items = new ItemMapper(mapping);
        this.customers = new ErpNextCustomers(client, mapping);
        this.addresses = new OrderAddresses(client, new ErpNextCountries(client, mapping.getCountryCacheTtl(),
                mapping.getMasterCacheSize(), clock), masterCache(mapping, clock));
        this.customerNames = masterCache(mapping, clock);
        this.knownItems = masterCache(mapping, clock);
    }

    /**
     * Masters the orders link by name. Only what was found or created is kept, and a document's name does not change
     * while it exists; one deleted or renamed in ERPNext within the time to live makes ERPNext refuse the link of the
     * next document (the event goes DEAD naming it, replayable), never a second Customer, Address or Item: those are
     * still created only through their unique keys.
     */
    private static <V> ExpiringCache<V> masterCache(ErpNextMappingProperties mapping, Clock clock) {
        return new ExpiringCache<>(mapping.getMasterCacheTtl(), mapping.getMasterCacheSize(), clock);
    }

    public ApplyOutcome apply(InboxEvent event) {
        ShopifyOrder order = ShopifyOrderPayloads.order(event.payload());
        companies.requireOrderCurrency(order, mapping);
        List<String> done = new ArrayList<>();
        Optional<ObjectNode> current = documents.currentSalesOrder(order.id());
        ObjectNode salesOrder;
        if (current.isEmpty()) {
            ensureItems(order);
            salesOrder = documents.createSubmitted(SALES_ORDER, salesOrders.map(order, contextOf(order, done)), ORDER_KEY);
            done.add("Sales Order " + salesOrder.path("name").asText() + " created");
        } else if (isCancelledWithoutAmendment(current.get()) && !order.isCancelled()) {
            // A crash between cancelling and amending: the amendment is still owed.
            salesOrder = amend(order, current.get(), done);
            done.add("Sales Order amended as " + salesOrder.path("name").asText());
        } else {
            salesOrder = current.get();
            if (salesOrder.path("docstatus").asInt() == SUBMITTED && !order.isCancelled() && differs(order, salesOrder)) {
                if (documents.hasDownstream(order.id(), salesOrder)) {
                    return ApplyOutcome.conflict("order " + order.displayName() + " changed in Shopify after Sales Order "
                            + salesOrder.path("name").asText() + " was invoiced or delivered; not applied");
                }
                client.cancel(SALES_ORDER, salesOrder.path("name").asText());
                salesOrder = amend(order, salesOrder, done);
                done.add("Sales Order amended as " + salesOrder.path("name").asText());
            } else {
                done.add("Sales Order " + salesOrder.path("name").asText() + " unchanged");
            }
        }
        if (order.isCancelled()) {
            done.add(cancel(order, salesOrder));
        } else {
            invoiceDeliverAndSettle(event, order, salesOrder, done);
        }
        return ApplyOutcome.done(String.join("; ", done));
    }

    private String cancel(ShopifyOrder order, ObjectNode salesOrder) {
        if (salesOrder.path("docstatus").asInt() == CANCELLED) {
            return "cancelled already";
        }
        if (documents.hasDownstream(order.id(), salesOrder)) {
            return "cancelled in Shopify after it was invoiced or delivered: the Sales Order stays, money goes through refunds";
        }
        client.cancel(SALES_ORDER, salesOrder.path("name").asText());
        return "cancelled";
    }

    private void invoiceDeliverAndSettle(InboxEvent event, ShopifyOrder order, ObjectNode salesOrder, List<String> done) {
        Optional<ObjectNode> invoice = Optional.empty();
        if (invoiceDue(order)) {
            Optional<OrderInvoicing.Invoiced> invoiced = invoicing.ensure(order.id(), () -> salesOrder, invoicedAt(order));
            done.add(invoiced.map(OrderInvoicing.Invoiced::describe)
                    .orElse("the Sales Order is cancelled: nothing invoiced"));
            invoice = invoiced.map(OrderInvoicing.Invoiced::invoice);
        }
        // The same path as fulfillments/* webhooks: one Delivery Note per fulfillment id, whichever comes first (under
        // erpnext.invoice-on: fulfilled, also the invoice). Before the payments, so that they find the invoice.
        order.fulfillments().forEach(fulfillment -> done.add(fulfillments.deliver(fulfillment)));
        if (order.hasCapturedMoney() && salesOrder.path("docstatus").asInt() == SUBMITTED) {
            done.add(payments.settle(event.shopDomain(), order,
                    invoice.isPresent() ? invoice : documents.invoice(order.id())));
        }
    }

    /** Whether this event is the one erpnext.invoice-on invoices on (fulfilled: the fulfilments' own path). */
    private boolean invoiceDue(ShopifyOrder order) {
        return invoicing.invoicesOn(InvoicePolicy.CREATED)
                || invoicing.invoicesOn(InvoicePolicy.PAID) && order.hasCapturedMoney();
    }

    /** A new submitted Sales Order for the order as it is now, linked to the one it replaces. */
    private ObjectNode amend(ShopifyOrder order, ObjectNode replaced, List<String> done) {
        ensureItems(order);
        ObjectNode amendment = salesOrders.map(order, contextOf(order, done));
        String replacedName = replaced.path("name").asText();
        amendment.put("amended_from", replacedName)
                .put(ORDER_KEY, OrderDocuments.amendmentKey(order.id(), replacedName));
        return documents.createSubmitted(SALES_ORDER, amendment, ORDER_KEY);
    }

    private static boolean isCancelledWithoutAmendment(ObjectNode salesOrder) {
        return salesOrder.path("docstatus").asInt() == CANCELLED;
    }

    /** Whether the order's lines or total differ from what the Sales Order holds. */
    private boolean differs(ShopifyOrder order, ObjectNode salesOrder) {
        ObjectNode wanted = salesOrders.map(order, salesOrder.path("customer").asText());
        if (ErpNextTotals.grandTotal(wanted).compareTo(decimal(salesOrder.path("grand_total"))) != 0) {
            return true;
        }
        JsonNode wantedRows = wanted.path("items");
        JsonNode storedRows = salesOrder.path("items");
        if (wantedRows.size() != storedRows.size()) {
            return true;
        }
        for (int row = 0; row < wantedRows.size(); row++) {
            JsonNode want = wantedRows.get(row);
            JsonNode have = storedRows.get(row);
            if (!want.path("item_code").asText().equals(have.path("item_code").asText())
                    || decimal(want.path("qty")).compareTo(decimal(have.path("qty"))) != 0
                    || decimal(want.path("rate")).compareTo(decimal(have.path("rate"))) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The order's Customer, its Addresses (their outcome added to {@code done}) and the Cost Center of its rows. */
    private OrderContext contextOf(ShopifyOrder order, List<String> done) {
        String customer = customerOf(order);
        OrderAddresses.Linked linked = addresses.link(order, customer);
        done.add(linked.detail());
        return new OrderContext(customer, linked.billing(), linked.shipping(), companies.costCenter(mapping));
    }

    /** The order's ERPNext Customer: found by Shopify id, created from the order when missing (guests: configured). */
    private String customerOf(ShopifyOrder order) {
        if (order.isGuestCheckout()) {
            return mapping.guestCustomer();
        }
        ShopifyOrder.Customer buyer = order.customer();
        return customerNames.get(String.valueOf(buyer.id()), id -> customers.ensure(new ShopifyCustomer(buyer.id(),
                buyer.email(), buyer.firstName(), buyer.lastName(), null, null, null)));
    }

    /** Every line's Item exists: known by its code, else created (when configured) idempotently. */
    private void ensureItems(ShopifyOrder order) {
        for (ShopifyOrder.LineItem line : order.lineItems()) {
            knownItems.get(ItemCodes.forLineItem(line), code -> ensureItem(line, code));
        }
    }

    /** @return true: the Item exists now */
    private boolean ensureItem(ShopifyOrder.LineItem line, String code) {
        if (client.get(ITEM, code).isPresent()) {
            return true;
        }
        ObjectNode item = items.missingItemFor(line);
        try {
            client.create(ITEM, item, ItemMapper.keyFieldOf(item));
        } catch (ErpNextPermanentException e) {
            // 409 on item_code: created meanwhile by someone else (a product sync, a person): it exists.
            if (e.status() != 409 || client.get(ITEM, code).isEmpty()) {
                throw e;
            }
        }
        return true;
    }

    /** When the order was paid (erpnext.invoice-on: paid) or placed (created): the invoice's posting date. */
    private static OffsetDateTime invoicedAt(ShopifyOrder order) {
        return order.processedAt() != null ? order.processedAt()
                : order.updatedAt() != null ? order.updatedAt() : order.createdAt();
    }

    private static BigDecimal decimal(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? BigDecimal.ZERO : new BigDecimal(value.asText());
    }
}
