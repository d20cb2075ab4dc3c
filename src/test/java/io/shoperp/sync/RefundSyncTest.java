package io.shoperp.sync;

import static io.shoperp.support.OrderFixtures.FREIGHT;
import static io.shoperp.support.OrderFixtures.STORES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.CreateResult;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.ErpNextTransientException;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.NotReadyException;
import io.shoperp.inbox.OrderFacts;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.support.OrderFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefundSyncTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RED_SHIRT = "TSHIRT-RED-M";
    private static final long REFUND_ID = 9007199254742001L;

    private final ShopifyOrder order = OrderFixtures.order("taxes-excluded-discount-code");
    private final List<Long> factsAskedFor = new ArrayList<>();
    private OrderToCashSandbox erp;
    private RefundSync sync;

    @BeforeEach
    void start() {
        erp = OrderToCashSandbox.start();
        sync = syncWith(orderId -> {
            factsAskedFor.add(orderId);
            return orderId == 6123456789012L;
        });
    }

    @AfterEach
    void stop() {
        erp.close();
    }

    @Test
    void returnMakesOneCreditNoteOneRefundPaymentThatSettlesItAndOneReturnDeliveryNote() {
        ObjectNode invoice = erp.paidInvoice(order);
        ObjectNode parcel = erp.delivered(OrderFixtures.fulfillment("first-parcel"));
        BigDecimal redShirtsInStores = erp.actualQty(RED_SHIRT, STORES);

        ApplyOutcome outcome = sync.apply(refund(returnWithShipping()));

        ObjectNode creditNote = creditNote();
        ObjectNode payment = only("Payment Entry", "shopify_payment_key", "refund:" + REFUND_ID);
        ObjectNode returnNote = only("Delivery Note", "return_against", parcel.get("name").asText());
        assertThat(outcome).isEqualTo(ApplyOutcome.done("credit note " + creditNote.get("name").asText() + " for refund "
                + REFUND_ID + ": created; refund Payment Entry " + payment.get("name").asText() + ": created; return"
                + " Delivery Note " + returnNote.get("name").asText() + " against " + parcel.get("name").asText()));
        assertThat(creditNote.get("update_stock").asInt()).isZero();
        assertThat(returnNote.get("is_return").asInt()).isEqualTo(1);
        assertThat(returnNote.get("items")).singleElement().satisfies(row -> {
            assertThat(row.get("qty").decimalValue()).isEqualByComparingTo("-1");
            assertThat(row.get("dn_detail").asText()).isEqualTo(parcel.get("items").get(0).get("name").asText());
            assertThat(row.has("so_detail")).as("goods refunded are not owed to the order again").isFalse();
        });
        assertThat(creditNote.get("docstatus").asInt()).isEqualTo(1);
        assertThat(creditNote.get("is_return").asInt()).isEqualTo(1);
        assertThat(creditNote.get("return_against").asText()).isEqualTo(invoice.get("name").asText());
        assertThat(creditNote.get("items")).allSatisfy(row -> assertThat(row.get("qty").decimalValue()).isNegative());
        assertThat(creditNote.get("grand_total").decimalValue()).isEqualByComparingTo("-28.13");
        assertThat(payment.get("payment_type").asText()).isEqualTo("Pay");
        assertThat(payment.get("paid_amount").decimalValue()).isEqualByComparingTo("28.13");
        assertThat(creditNote.get("outstanding_amount").decimalValue()).isZero();
        assertThat(erp.stored("Sales Invoice", invoice).get("outstanding_amount").decimalValue()).isZero();
        assertThat(erp.actualQty(RED_SHIRT, STORES)).isEqualByComparingTo(redShirtsInStores.add(BigDecimal.ONE));
        assertThat(factsAskedFor).containsExactly(order.id());
    }

    @Test
    void replayFindsEveryDocumentAndWritesNothing() {
        erp.paidInvoice(order);
        erp.delivered(OrderFixtures.fulfillment("first-parcel"));
        InboxEvent created = refund(returnWithShipping());
        sync.apply(created);
        int invoiceWrites = erp.writes("Sales Invoice");
        int paymentWrites = erp.writes("Payment Entry");
        int deliveryWrites = erp.writes("Delivery Note");
        BigDecimal redShirtsInStores = erp.actualQty(RED_SHIRT, STORES);

        ApplyOutcome replay = sync.apply(created);

        assertThat(replay.detail()).matches("credit note \\S+ for refund " + REFUND_ID
                + ": unchanged; refund Payment Entry \\S+: unchanged; return Delivery Note \\S+ unchanged");
        assertThat(erp.writes("Sales Invoice")).isEqualTo(invoiceWrites);
        assertThat(erp.writes("Delivery Note")).isEqualTo(deliveryWrites);
        assertThat(erp.writes("Payment Entry")).isEqualTo(paymentWrites);
        assertThat(erp.actualQty(RED_SHIRT, STORES)).isEqualByComparingTo(redShirtsInStores);
        creditNote();
    }

    @Test
    void retryAfterAFailedRefundPaymentReusesTheCreditNote() {
        erp.paidInvoice(order);
        erp.delivered(OrderFixtures.fulfillment("first-parcel"));
        BigDecimal redShirtsInStores = erp.actualQty(RED_SHIRT, STORES);
        ErpNextClient paymentsDown = new ErpNextClient(erp.properties) {
            @Override
            public CreateResult create(String doctype, ObjectNode document, String keyField) {
                if (SalesDocuments.PAYMENT_ENTRY.equals(doctype)) {
                    throw new ErpNextTransientException("ERPNext unavailable", 503, "SessionStopped", null, false, null);
                }
                return super.create(doctype, document, keyField);
            }
        };
        InboxEvent created = refund(returnWithShipping());
        RefundSync failing = new RefundSync(paymentsDown, new SalesDocuments(paymentsDown), orderId -> false, erp.mapping);
        assertThatThrownBy(() -> failing.apply(created)).isInstanceOf(ErpNextTransientException.class);

        ApplyOutcome retry = sync.apply(created);

        assertThat(retry.detail()).matches("credit note \\S+ for refund " + REFUND_ID
                + ": unchanged; refund Payment Entry \\S+: created; return Delivery Note \\S+ against \\S+");
        assertThat(creditNote().get("outstanding_amount").decimalValue()).isZero();
        assertThat(erp.actualQty(RED_SHIRT, STORES)).as("stock came back once")
                .isEqualByComparingTo(redShirtsInStores.add(BigDecimal.ONE));
    }

    @Test
    void goodsReturnedBeforeTheirDeliveryNoteWaitAfterTheMoneyIsBooked() {
        erp.paidInvoice(order);
        InboxEvent returned = refund(returnWithShipping());

        assertThatThrownBy(() -> sync.apply(returned)).isInstanceOf(NotReadyException.class)
                .hasMessage("refund " + REFUND_ID + " returns 1 of line item 9007199254740995 that no Delivery Note shows"
                        + " as delivered yet; waiting for the fulfilment's Delivery Note");
        assertThat(creditNote().get("outstanding_amount").decimalValue()).as("money booked at once").isZero();

        erp.delivered(OrderFixtures.fulfillment("first-parcel"));
        assertThat(sync.apply(returned).detail()).matches("credit note \\S+ for refund " + REFUND_ID
                + ": unchanged; refund Payment Entry \\S+: unchanged; return Delivery Note \\S+ against \\S+");
    }

    @Test
    void goodsRestockedBeforeTheyWereFulfilledNeedNoStockDocument() {
        erp.paidInvoice(order);
        ObjectNode cancelled = returnWithShipping();
        ((ObjectNode) cancelled.withArray("refund_line_items").get(0)).put("restock_type", "cancel");

        assertThat(sync.apply(refund(cancelled)).detail()).endsWith("; no goods came back");
        assertThat(erp.sandbox.documents("Delivery Note")).isEmpty();
    }

    @Test
    void refundWithoutRestockReturnsNoStock() {
        erp.paidInvoice(order);
        ObjectNode noRestock = returnWithShipping();
        ((ObjectNode) noRestock.withArray("refund_line_items").get(0)).put("restock_type", "no_restock");
        BigDecimal redShirtsInStores = erp.actualQty(RED_SHIRT, STORES);

        sync.apply(refund(noRestock));

        assertThat(creditNote().get("update_stock").asInt()).isZero();
        assertThat(erp.actualQty(RED_SHIRT, STORES)).isEqualByComparingTo(redShirtsInStores);
    }

    @Test
    void refundBeforeTheInvoiceWaitsAndLandsOnceItIsThere() {
        ObjectNode salesOrder = erp.submittedSalesOrder(order);
        erp.delivered(OrderFixtures.fulfillment("first-parcel"));
        InboxEvent early = refund(returnWithShipping());

        assertThatThrownBy(() -> sync.apply(early))
                .isInstanceOf(NotReadyException.class)
                .hasMessage("Sales Invoice for Shopify order 9007199254740993 not there yet");
        assertThat(erp.writes("Sales Invoice")).isZero();
        assertThat(erp.writes("Payment Entry")).isZero();

        erp.submittedInvoice(order, salesOrder);
        assertThat(sync.apply(early).detail()).contains(": created; refund Payment Entry ");
    }

    @Test
    void refundOfACancelledInvoiceFailsAtOnceWithTheReason() {
        ObjectNode invoice = erp.submittedInvoice(order, erp.submittedSalesOrder(order));
        erp.client.cancel("Sales Invoice", invoice.get("name").asText());
        int invoiceWrites = erp.writes("Sales Invoice");

        assertThatThrownBy(() -> sync.apply(refund(returnWithShipping())))
                .isInstanceOf(UnprocessableEventException.class)
                .hasMessage("Sales Invoice " + invoice.get("name").asText() + " for Shopify order 9007199254740993 is"
                        + " cancelled: a credit note needs a submitted invoice; settle the refund in ERPNext, or submit"
                        + " an invoice for the order and replay");
        assertThat(erp.writes("Sales Invoice")).isEqualTo(invoiceWrites);
        assertThat(erp.writes("Payment Entry")).isZero();
    }

    @Test
    void unknownOrderFactsWaitWithoutWriting() {
        erp.paidInvoice(order);
        int invoiceWrites = erp.writes("Sales Invoice");
        int paymentWrites = erp.writes("Payment Entry");
        RefundSync withoutFacts = syncWith(orderId -> {
            throw new NotReadyException("order " + orderId + " not stored yet");
        });

        assertThatThrownBy(() -> withoutFacts.apply(refund(returnWithShipping()))).isInstanceOf(NotReadyException.class);
        assertThat(erp.writes("Sales Invoice")).isEqualTo(invoiceWrites);
        assertThat(erp.writes("Payment Entry")).isEqualTo(paymentWrites);
    }

    @Test
    void shippingOnlyRefundCreditsTheChargeAndReturnsNoGoods() {
        erp.paidInvoice(order);
        ObjectNode shippingOnly = returnWithShipping();
        shippingOnly.putArray("refund_line_items");
        shippingOnly.withArray("transactions").forEach(transaction -> ((ObjectNode) transaction).put("amount", "8.60"));
        BigDecimal redShirtsInStores = erp.actualQty(RED_SHIRT, STORES);

        ApplyOutcome outcome = sync.apply(refund(shippingOnly));

        ObjectNode creditNote = creditNote();
        assertThat(outcome.detail()).endsWith(": created; no goods came back");
        assertThat(creditNote.get("grand_total").decimalValue()).isEqualByComparingTo("-8.60");
        assertThat(creditNote.get("items")).allSatisfy(row -> assertThat(row.get("qty").decimalValue()).isZero());
        assertThat(creditNote.get("taxes")).anySatisfy(row -> {
            assertThat(row.get("account_head").asText()).isEqualTo(FREIGHT);
            assertThat(row.get("tax_amount").decimalValue()).isEqualByComparingTo("-8.00");
        });
        assertThat(creditNote.get("outstanding_amount").decimalValue()).isZero();
        assertThat(erp.actualQty(RED_SHIRT, STORES)).isEqualByComparingTo(redShirtsInStores);
    }

    @Test
    void taxesIncludedOrderIsCreditedNetOfTax() {
        erp.paidInvoice(OrderFixtures.order("taxes-included-guest"));
        erp.sandbox.seedDocument("Account", JSON.createObjectNode().put("name", OrderFixtures.SALES_ADJUSTMENTS)
                .put("account_name", "Sales Adjustments").put("company", OrderFixtures.COMPANY));

        sync.apply(refund(fixture("partial-no-restock-discrepancy")));

        ObjectNode creditNote = creditNote();
        assertThat(creditNote.get("items")).singleElement()
                .satisfies(row -> assertThat(row.get("rate").decimalValue()).isEqualByComparingTo("9.34"));
        assertThat(creditNote.get("grand_total").decimalValue()).isEqualByComparingTo("-9.00");
        assertThat(creditNote.get("outstanding_amount").decimalValue()).isZero();
        assertThat(factsAskedFor).containsExactly(6123456789012L);
    }

    @Test
    void refundWithoutSuccessfulTransactionGetsNoPaymentEntry() {
        erp.paidInvoice(order);
        erp.delivered(OrderFixtures.fulfillment("first-parcel"));
        ObjectNode pending = returnWithShipping();
        pending.withArray("transactions").forEach(transaction -> ((ObjectNode) transaction).put("status", "pending"));

        ApplyOutcome outcome = sync.apply(refund(pending));

        assertThat(outcome.detail()).contains("; refund Payment Entry: none (no money went back); ");
        assertThat(erp.sandbox.count("Payment Entry", "shopify_payment_key", "refund:" + REFUND_ID)).isZero();
        assertThat(creditNote().get("outstanding_amount").decimalValue()).isEqualByComparingTo("-28.13");
    }

    private RefundSync syncWith(OrderFacts facts) {
        return new RefundSync(erp.client, erp.documents, facts, erp.mapping);
    }

    private static ObjectNode returnWithShipping() {
        return fixture("return-with-shipping");
    }

    private static ObjectNode fixture(String name) {
        try {
            return (ObjectNode) JSON.readTree(OrderFixtures.bytes("refunds/" + name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InboxEvent refund(ObjectNode payload) {
        return OrderToCashSandbox.event("refunds/create", "refund:" + payload.get("id").asText(), payload.toString());
    }

    private ObjectNode creditNote() {
        return erp.sandbox.documents("Sales Invoice").stream().filter(doc -> doc.path("is_return").asInt() == 1)
                .reduce((a, b) -> {
                    throw new AssertionError("several credit notes");
                })
                .orElseThrow(() -> new AssertionError("no credit note"));
    }

    private ObjectNode only(String doctype, String field, String value) {
        List<ObjectNode> matches = erp.sandbox.documents(doctype).stream()
                .filter(doc -> value.equals(doc.path(field).asText())).toList();
        assertThat(matches).as(doctype + " with " + field + "=" + value).hasSize(1);
        return matches.get(0);
    }
}
