package io.shoperp.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.mapping.DeliveryNoteMapper;
import io.shoperp.mapping.OrderDocuments;
import org.springframework.stereotype.Component;

/**
 * The order-to-cash documents of one Shopify order as ERPNext holds them, found by their Shopify keys, and the
 * one way they are written: an idempotent create of a submitted document.
 */
@Component
public class SalesDocuments {

    public static final String SALES_ORDER = OrderDocuments.SALES_ORDER;
    public static final String SALES_INVOICE = OrderDocuments.SALES_INVOICE;
    public static final String PAYMENT_ENTRY = OrderDocuments.PAYMENT_ENTRY;
    public static final String DELIVERY_NOTE = OrderDocuments.DELIVERY_NOTE;
    public static final String ORDER_KEY = "shopify_order_id";
    public static final String INVOICE_KEY = "shopify_invoice_key";
    public static final String PAYMENT_KEY = "shopify_payment_key";
    public static final String FULFILLMENT_KEY = DeliveryNoteMapper.FULFILLMENT_KEY;

    private static final int CANCELLED = 2;

    private final ErpNextClient client;

    public SalesDocuments(ErpNextClient client) {
        this.client = client;
    }

    /**
     * The Sales Order that currently stands for the Shopify order: the keyed original, or, when that was cancelled
     * and amended, the newest amendment (followed through {@code amended_from}).
     */
    public Optional<ObjectNode> currentSalesOrder(long orderId) {
        List<ObjectNode> chain = salesOrders(orderId);
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1));
    }

    /** The keyed original Sales Order of the Shopify order and the amendments that replaced it, oldest first. */
    public List<ObjectNode> salesOrders(long orderId) {
        List<ObjectNode> chain = new ArrayList<>();
        Optional<ObjectNode> current = client.findByKey(SALES_ORDER, ORDER_KEY, String.valueOf(orderId));
        while (current.isPresent()) {
            chain.add(current.get());
            current = current.get().path("docstatus").asInt() == CANCELLED
                    ? amendmentOf(current.get().path("name").asText()) : Optional.empty();
        }
        return chain;
    }

    /** The sale's invoice (shopify_invoice_key = order id). */
    public Optional<ObjectNode> invoice(long orderId) {
        return client.findByKey(SALES_INVOICE, INVOICE_KEY, String.valueOf(orderId));
    }

    /** Whether anything was invoiced or delivered against the Sales Order: then ERPNext must not rewrite it. */
    public boolean hasDownstream(long orderId, ObjectNode salesOrder) {
        if (invoice(orderId).isPresent()) {
            return true;
        }
        ArrayNode filters = ErpNextClient.objectMapper().createArrayNode();
        filters.addArray().add("Delivery Note Item").add("against_sales_order").add("=")
                .add(salesOrder.path("name").asText());
        filters.addArray().add("docstatus").add("!=").add(CANCELLED);
        return !client.list(DELIVERY_NOTE, List.of("name"), filters, 1).isEmpty();
    }

    /** The whole documents (child tables included) matching the filters; ERPNext lists only their names. */
    public List<ObjectNode> listed(String doctype, ArrayNode filters) {
        return client.list(doctype, List.of("name"), filters, 0).stream()
                .flatMap(row -> client.get(doctype, row.path("name").asText()).stream())
                .toList();
    }

    /** A keyed document as {@link #ensureSubmitted} left it: its name, and whether this call created it. */
    public record Ensured(String name, boolean created) {
    }

    /**
     * The document holding {@code key} in {@code keyField}, or else the one {@code build} makes, created submitted;
     * empty when there is none and {@code build} makes none (nothing to book).
     */
    public Optional<Ensured> ensureSubmitted(String doctype, String keyField, String key,
                                             Supplier<Optional<ObjectNode>> build) {
        Optional<ObjectNode> existing = client.findByKey(doctype, keyField, key);
        if (existing.isPresent()) {
            return Optional.of(new Ensured(existing.get().path("name").asText(), false));
        }
        return build.get().map(document -> new Ensured(createSubmitted(doctype, document, keyField).path("name")
                .asText(), true));
    }

    /**
     * Creates the document submitted, unless its key exists already (then that one is returned). A create whose
     * answer was lost may have left a draft: it is submitted here, so the end state is the same either way.
     */
    public ObjectNode createSubmitted(String doctype, ObjectNode document, String keyField) {
        ObjectNode stored = client.create(doctype, document, keyField).document();
        if (stored.path("docstatus").asInt() == 0) {
            return client.submit(doctype, stored.path("name").asText());
        }
        return stored;
    }

    private Optional<ObjectNode> amendmentOf(String salesOrderName) {
        ArrayNode filters = ErpNextClient.objectMapper().createArrayNode();
        filters.addArray().add("amended_from").add("=").add(salesOrderName);
        return client.list(SALES_ORDER, List.of("name"), filters, 1).stream().findFirst()
                .flatMap(row -> client.get(SALES_ORDER, row.path("name").asText()));
    }
}
