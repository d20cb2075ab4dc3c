package io.shoperp.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.CreateResult;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.sandbox.ErpDocuments;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import io.shoperp.mapping.CreditNoteMapper;
import io.shoperp.mapping.DeliveryNoteMapper;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.PaymentEntryMapper;
import io.shoperp.mapping.SalesInvoiceMapper;
import io.shoperp.mapping.SalesOrderMapper;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.shopify.ShopifyRefund;
import io.shoperp.support.OrderFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mapped documents, posted to the ERPNext sandbox in order-to-cash order, validate and keep Shopify's totals. */
class OrderToCashSandboxTest {

    private final ErpNextMappingProperties mapping = OrderFixtures.mapping();
    private OrderToCashSandbox erp;
    private ErpNextSandbox sandbox;
    private ErpNextClient client;

    @BeforeEach
    void start() {
        erp = OrderToCashSandbox.start();
        sandbox = erp.sandbox;
        client = erp.client;
    }

    @AfterEach
    void stop() {
        erp.close();
    }

    @Test
    void orderInvoicePaymentDeliveryAndRefundValidateWithShopifysAmounts() {
        ShopifyOrder order = OrderFixtures.order("taxes-excluded-discount-code");
        String customer = client.create("Customer", ErpDocuments.customer(order.customer().id().toString(), "Jane Doe"),
                "shopify_customer_id").name();
        erp.ensureItems(order);
        sandbox.setActualQty("TSHIRT-RED-M", OrderFixtures.FINISHED_GOODS, new BigDecimal("5"));
        sandbox.setActualQty("SHOPIFY-VARIANT-44012345678903", OrderFixtures.FINISHED_GOODS, new BigDecimal("5"));

        ObjectNode salesOrder = create("Sales Order", new SalesOrderMapper(mapping).map(order, customer), "shopify_order_id");
        assertThat(salesOrder.get("grand_total").decimalValue()).isEqualByComparingTo(order.totalPrice());

        ObjectNode invoice = create("Sales Invoice", new SalesInvoiceMapper(mapping).fromSalesOrder(salesOrder, order.updatedAt()),
                "shopify_invoice_key");
        assertThat(invoice.get("grand_total").decimalValue()).isEqualByComparingTo(order.totalPrice());

        PaymentEntryMapper payments = new PaymentEntryMapper(mapping);
        create("Payment Entry", payments.receipt(order, invoice).orElseThrow(), "shopify_payment_key");
        assertThat(stored("Sales Invoice", invoice).get("outstanding_amount").decimalValue()).isZero();

        create("Delivery Note", new DeliveryNoteMapper(mapping).map(OrderFixtures.fulfillment("first-parcel"),
                stored("Sales Order", salesOrder)), "shopify_fulfillment_id");
        assertThat(sandbox.actualQty("TSHIRT-RED-M", OrderFixtures.FINISHED_GOODS)).isEqualByComparingTo("3");

        ShopifyRefund refund = OrderFixtures.refund("return-with-shipping");
        BigDecimal redShirtsInStores = sandbox.actualQty("TSHIRT-RED-M", OrderFixtures.STORES);
        ObjectNode creditNote = create("Sales Invoice", new CreditNoteMapper(mapping).map(refund, invoice, List.of(), false),
                "shopify_invoice_key");
        assertThat(creditNote.get("grand_total").decimalValue()).isEqualByComparingTo("-28.13");
        assertThat(sandbox.actualQty("TSHIRT-RED-M", OrderFixtures.STORES)).isEqualByComparingTo(redShirtsInStores);

        assertThat(new ReturnDeliveries(erp.documents, mapping).restock(refund)).startsWith("return Delivery Note MAT-DN-");
        assertThat(sandbox.actualQty("TSHIRT-RED-M", OrderFixtures.STORES)).isEqualByComparingTo(redShirtsInStores.add(BigDecimal.ONE));

        create("Payment Entry", payments.refund(refund, creditNote).orElseThrow(), "shopify_payment_key");
        assertThat(stored("Sales Invoice", creditNote).get("outstanding_amount").decimalValue()).isZero();
    }

    @Test
    void aTipAndImportDutiesAreInvoicedAndPaidAtShopifysTotal() {
        ShopifyOrder order = OrderFixtures.orderWith("taxes-excluded-discount-code", json -> {
            json.put("total_price", "133.56").put("total_tip_received", "5.00");
            json.putObject("original_total_duties_set").putObject("shop_money").put("amount", "12.50");
        });

        ObjectNode invoice = erp.paidInvoice(order);

        assertThat(invoice.get("grand_total").decimalValue()).isEqualByComparingTo("133.56");
        assertThat(invoice.get("outstanding_amount").decimalValue()).isZero();
    }

    @Test
    void taxesIncludedGuestOrderWithACustomLineValidatesAtShopifysTotal() {
        ShopifyOrder order = OrderFixtures.order("taxes-included-guest");
        sandbox.seedDocument("Customer", ErpDocuments.customer(null, OrderFixtures.GUEST).put("name", OrderFixtures.GUEST));
        erp.ensureItems(order);

        ObjectNode salesOrder = create("Sales Order", new SalesOrderMapper(mapping).map(order, (String) null), "shopify_order_id");

        assertThat(salesOrder.get("grand_total").decimalValue()).isEqualByComparingTo("127.17");
        assertThat(salesOrder.get("customer").asText()).isEqualTo(OrderFixtures.GUEST);
    }

    private ObjectNode create(String doctype, ObjectNode document, String keyField) {
        CreateResult result = client.create(doctype, document, keyField);
        assertThat(result.createdByThisCall()).isTrue();
        assertThat(result.document().get("docstatus").asInt()).isEqualTo(1);
        return result.document();
    }

    private ObjectNode stored(String doctype, ObjectNode document) {
        return client.get(doctype, document.get("name").asText()).orElseThrow();
    }
}
