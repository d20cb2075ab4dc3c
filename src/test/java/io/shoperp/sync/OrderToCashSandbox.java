package io.shoperp.sync;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.CustomFieldSetup;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.ErpNextProperties;
import io.shoperp.erpnext.sandbox.ErpDocuments;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.InboxStatus;
import io.shoperp.mapping.DeliveryNoteMapper;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.ItemCodes;
import io.shoperp.mapping.ItemMapper;
import io.shoperp.mapping.PaymentEntryMapper;
import io.shoperp.mapping.SalesInvoiceMapper;
import io.shoperp.mapping.SalesOrderMapper;
import io.shoperp.shopify.ShopifyFulfillment;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.support.OrderFixtures;

/**
 * A seeded ERPNext sandbox with the integration's custom fields and a client, plus the documents an order has
 * before fulfilments and refunds arrive (Customer, Items, submitted Sales Order, invoice, payment), posted the way
 * the order sync posts them.
 */
final class OrderToCashSandbox implements AutoCloseable {

    final ErpNextMappingProperties mapping = OrderFixtures.mapping();
    final ErpNextSandbox sandbox;
    /** The sandbox's connection settings, for a client a test wants to build itself. */
    final ErpNextProperties properties;
    final ErpNextClient client;
    final SalesDocuments documents;

    private OrderToCashSandbox() {
        sandbox = ErpNextSandbox.startSeeded();
        CustomFieldSetup.REQUIRED_FIELDS.forEach(field -> sandbox.seedDocument("Custom Field",
                ErpDocuments.customField(field.doctype(), field.fieldname(), field.label(), field.unique())
                        .put("name", field.recordName())));
        properties = new ErpNextProperties(sandbox.baseUrl(), sandbox.apiKey(), sandbox.apiSecret(),
                Duration.ofSeconds(2), Duration.ofSeconds(5), false,
                new ErpNextProperties.CircuitBreaker(50, 4, 4, Duration.ofSeconds(30), 1, null));
        client = new ErpNextClient(properties);
        documents = new SalesDocuments(client);
    }

    static OrderToCashSandbox start() {
        return new OrderToCashSandbox();
    }

    @Override
    public void close() {
        sandbox.stop();
    }

    /** The order's Customer (the guest Customer without one) and Items, and its submitted Sales Order. */
    ObjectNode submittedSalesOrder(ShopifyOrder order) {
        String customer = null;
        if (order.customer() == null) {
            sandbox.seedDocument("Customer", ErpDocuments.customer(null, OrderFixtures.GUEST).put("name", OrderFixtures.GUEST));
        } else {
            customer = client.create("Customer", ErpDocuments.customer(order.customer().id().toString(), "Jane Doe"),
                    "shopify_customer_id").name();
        }
        ensureItems(order);
        return documents.createSubmitted(SalesDocuments.SALES_ORDER, new SalesOrderMapper(mapping).map(order, customer),
                SalesDocuments.ORDER_KEY);
    }

    /** The paid order's submitted invoice (outstanding 0 after its receipt) and Sales Order. */
    ObjectNode paidInvoice(ShopifyOrder order) {
        ObjectNode invoice = submittedInvoice(order, submittedSalesOrder(order));
        new PaymentEntryMapper(mapping).receipt(order, invoice).ifPresent(receipt ->
                documents.createSubmitted(SalesDocuments.PAYMENT_ENTRY, receipt, SalesDocuments.PAYMENT_KEY));
        return stored(SalesDocuments.SALES_INVOICE, invoice);
    }

    /** The fulfilment's submitted Delivery Note, with enough stock put in its warehouse first. */
    ObjectNode delivered(ShopifyFulfillment fulfillment) {
        String warehouse = mapping.warehouseFor(fulfillment.locationId());
        fulfillment.lineItems().forEach(line -> sandbox.setActualQty(ItemCodes.forLineItem(line), warehouse,
                sandbox.actualQty(ItemCodes.forLineItem(line), warehouse).add(BigDecimal.valueOf(line.quantity()))));
        ObjectNode salesOrder = documents.currentSalesOrder(fulfillment.orderId()).orElseThrow();
        return documents.createSubmitted(SalesDocuments.DELIVERY_NOTE,
                new DeliveryNoteMapper(mapping).map(fulfillment, salesOrder), SalesDocuments.FULFILLMENT_KEY);
    }

    ObjectNode submittedInvoice(ShopifyOrder order, ObjectNode salesOrder) {
        return documents.createSubmitted(SalesDocuments.SALES_INVOICE,
                new SalesInvoiceMapper(mapping).fromSalesOrder(salesOrder, order.updatedAt()), SalesDocuments.INVOICE_KEY);
    }

    void ensureItems(ShopifyOrder order) {
        ItemMapper items = new ItemMapper(mapping);
        order.lineItems().stream()
                .filter(line -> client.get("Item", ItemCodes.forLineItem(line)).isEmpty())
                .map(items::missingItemFor)
                .forEach(item -> client.create("Item", item, ItemMapper.keyFieldOf(item)));
    }

    ObjectNode stored(String doctype, ObjectNode document) {
        return client.get(doctype, document.get("name").asText()).orElseThrow();
    }

    BigDecimal actualQty(String itemCode, String warehouse) {
        return sandbox.actualQty(itemCode, warehouse);
    }

    /** Requests that write to ERPNext (POST and PUT) for the doctype. */
    int writes(String doctype) {
        return sandbox.requestCount("POST", doctype) + sandbox.requestCount("PUT", doctype);
    }

    static InboxEvent event(String topic, String entityKey, byte[] payload) {
        Instant now = Instant.now();
        return new InboxEvent(1, "shop.myshopify.com", topic, "webhook-" + System.nanoTime(), entityKey, now, now, now,
                payload, InboxStatus.PROCESSING, 1, now, "test-worker", null);
    }

    static InboxEvent event(String topic, String entityKey, String payload) {
        return event(topic, entityKey, payload.getBytes(StandardCharsets.UTF_8));
    }
}
