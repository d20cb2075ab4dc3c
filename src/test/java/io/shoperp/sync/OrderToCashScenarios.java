package io.shoperp.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.sandbox.SandboxSettings;
import io.shoperp.support.MariaDbServer;
import io.shoperp.support.OrderFixtures;
import io.shoperp.support.ProcessingSettings;
import io.shoperp.support.SandboxedApp;
import io.shoperp.support.TestOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Order-to-cash webhooks over HTTP into the application on MariaDB, applied to the ERPNext sandbox with the rules a
 * real ERPNext v15 enforces (docs/erpnext-sandbox.md), once per settings preset: every scenario must land under the
 * doctypes' own defaults and under what the setup wizard sets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrderToCashScenarios {

    private static final AtomicLong NEXT_ORDER = new AtomicLong(9_007_199_254_750_000L);
    private static final Instant T0 = Instant.parse("2026-11-29T09:00:00Z");
    private static final String STORES = "Stores - SC";
    private static final ObjectMapper JSON = ErpNextClient.objectMapper();

    private SandboxedApp env;

    abstract SandboxSettings.Preset preset();

    @BeforeAll
    void start() {
        env = SandboxedApp.start(MariaDbServer.get().createSchema("order_to_cash_" + preset().name().toLowerCase()),
                Map.of());
        env.sandbox().useSettings(preset());
        ProcessingSettings.seedGuestCustomer(env.sandbox());
    }

    @AfterAll
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void aCreatedThenPaidOrderEndsAsOneSalesOrderInvoiceAndPaymentToTheCent() {
        long orderId = NEXT_ORDER.incrementAndGet();
        ObjectNode order = order("taxes-excluded-discount-code", orderId);

        String created = send("orders/create", version(order, T0, "pending"));
        String createdAgain = send("orders/create", version(order, T0, "pending"));
        String paid = send("orders/paid", version(order, T0.plusSeconds(60), "paid"));
        awaitFinished(created, createdAgain, paid);

        assertThat(env.status(created)).isEqualTo("DONE");
        assertThat(env.status(paid)).isEqualTo("DONE");
        ObjectNode salesOrder = single("Sales Order", "shopify_order_id", orderId);
        assertThat(salesOrder.path("docstatus").asInt()).isEqualTo(1);
        assertThat(salesOrder.path("grand_total").decimalValue()).isEqualByComparingTo("116.06");
        assertThat(salesOrder.path("shopify_order_name").asText()).isEqualTo("#1001");
        ObjectNode invoice = single("Sales Invoice", "shopify_invoice_key", orderId);
        assertThat(invoice.path("grand_total").decimalValue()).isEqualByComparingTo("116.06");
        assertThat(invoice.path("outstanding_amount").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
        ObjectNode payment = single("Payment Entry", "shopify_payment_key", "order:" + orderId);
        assertThat(payment.path("paid_to").asText()).isEqualTo("Shopify Payments - SC");
        assertThat(payment.path("paid_amount").decimalValue()).isEqualByComparingTo("116.06");
    }

    @Test
    void withoutAdminApiAccessAnOrderIsPaidOnceWhetherItsReceiptOrItsTransactionComesFirst() {
        long receiptFirst = NEXT_ORDER.incrementAndGet();
        long transactionFirst = NEXT_ORDER.incrementAndGet();
        ObjectNode capture = JSON.createObjectNode().put("kind", "sale").put("gateway", "shopify_payments")
                .put("status", "success").put("amount", "116.06").put("currency", "USD")
                .put("processed_at", T0.plusSeconds(30).toString())
                // What orders the transaction among the order's events (it has no updated_at): between create and paid.
                .put("created_at", T0.plusSeconds(30).toString());

        String paid = send("orders/paid", version(order("taxes-excluded-discount-code", receiptFirst), T0, "paid"));
        awaitFinished(paid);
        String capturedLater = send("order_transactions/create", capture.deepCopy().put("id", receiptFirst + 1_000)
                .put("order_id", receiptFirst));
        String created = send("orders/create", version(order("taxes-excluded-discount-code", transactionFirst), T0,
                "pending"));
        String capturedFirst = send("order_transactions/create", capture.deepCopy().put("id", transactionFirst + 1_000)
                .put("order_id", transactionFirst));
        String paidLater = send("orders/paid", version(order("taxes-excluded-discount-code", transactionFirst),
                T0.plusSeconds(61), "paid"));
        awaitFinished(capturedLater, created, capturedFirst, paidLater);

        assertThat(List.of(env.status(capturedLater), env.status(capturedFirst), env.status(paidLater))).containsOnly("DONE");
        assertThat(env.statusReason(capturedLater)).contains("(order:" + receiptFirst + "): unchanged");
        assertThat(env.sandbox().count("Payment Entry", "shopify_payment_key", "transaction:" + (receiptFirst + 1_000)))
                .isZero();
        assertThat(single("Payment Entry", "shopify_payment_key", "order:" + receiptFirst).path("paid_amount")
                .decimalValue()).isEqualByComparingTo("116.06");
        assertThat(single("Payment Entry", "shopify_payment_key", "transaction:" + (transactionFirst + 1_000))
                .path("paid_amount").decimalValue()).isEqualByComparingTo("116.06");
        assertThat(env.sandbox().count("Payment Entry", "shopify_payment_key", "order:" + transactionFirst)).isZero();
        assertThat(List.of(invoiceOf(receiptFirst), invoiceOf(transactionFirst)))
                .allSatisfy(invoice -> assertThat(invoice.path("outstanding_amount").decimalValue()).isZero());
    }

    @Test
    void aGuestCheckoutWithTaxesIncludedGoesToTheGuestCustomer() {
        long orderId = NEXT_ORDER.incrementAndGet();
        String created = send("orders/create", version(order("taxes-included-guest", orderId), T0, "paid"));
        awaitFinished(created);

        ObjectNode salesOrder = single("Sales Order", "shopify_order_id", orderId);
        assertThat(salesOrder.path("customer").asText()).isEqualTo(ProcessingSettings.GUEST_CUSTOMER);
        assertThat(salesOrder.path("grand_total").decimalValue()).isEqualByComparingTo("127.17");
        assertThat(single("Sales Invoice", "shopify_invoice_key", orderId).path("grand_total").decimalValue())
                .isEqualByComparingTo("127.17");
    }

    @Test
    void anEditedOrderIsAmendedWhileNothingIsInvoiced() {
        long orderId = NEXT_ORDER.incrementAndGet();
        ObjectNode order = order("taxes-excluded-discount-code", orderId);
        String created = send("orders/create", version(order, T0, "pending"));
        awaitFinished(created);

        ObjectNode edited = version(order, T0.plusSeconds(30), "pending");
        removeLastLine(edited, "91.64");
        String updated = send("orders/updated", edited);
        awaitFinished(updated);

        assertThat(env.status(updated)).isEqualTo("DONE");
        List<ObjectNode> orders = salesOrdersOf(orderId);
        assertThat(orders).hasSize(2);
        assertThat(orders).filteredOn(doc -> doc.path("docstatus").asInt() == 2).hasSize(1);
        assertThat(orders).filteredOn(doc -> doc.path("docstatus").asInt() == 1).singleElement()
                .satisfies(doc -> {
                    assertThat(doc.path("grand_total").decimalValue()).isEqualByComparingTo("91.64");
                    assertThat(doc.path("amended_from").asText()).isNotEmpty();
                });
    }

    @Test
    void anOrderEditedAfterItWasInvoicedIsAConflictNotApplied() {
        long orderId = NEXT_ORDER.incrementAndGet();
        ObjectNode order = order("taxes-excluded-discount-code", orderId);
        String paid = send("orders/paid", version(order, T0, "paid"));
        awaitFinished(paid);
        double conflictsBefore = conflicts();

        ObjectNode edited = version(order, T0.plusSeconds(30), "paid");
        removeLastLine(edited, "91.64");
        String updated = send("orders/updated", edited);
        awaitFinished(updated);

        assertThat(env.status(updated)).isEqualTo("IGNORED");
        assertThat(env.statusReason(updated)).startsWith("conflict: order #1001 changed in Shopify after Sales Order");
        // Counted just after the outcome is committed.
        await().atMost(Duration.ofSeconds(5)).until(() -> conflicts() == conflictsBefore + 1);
        assertThat(salesOrdersOf(orderId)).singleElement()
                .satisfies(doc -> assertThat(doc.path("grand_total").decimalValue()).isEqualByComparingTo("116.06"));
    }

    @Test
    void aCancelledOrderCancelsItsSalesOrderWhileNothingIsInvoiced() {
        long orderId = NEXT_ORDER.incrementAndGet();
        ObjectNode order = order("taxes-excluded-discount-code", orderId);
        String created = send("orders/create", version(order, T0, "pending"));
        awaitFinished(created);

        ObjectNode cancelled = version(order, T0.plusSeconds(30), "voided");
        cancelled.put("cancelled_at", T0.plusSeconds(30).toString()).put("cancel_reason", "customer");
        String cancel = send("orders/cancelled", cancelled);
        awaitFinished(cancel);

        assertThat(env.status(cancel)).isEqualTo("DONE");
        assertThat(single("Sales Order", "shopify_order_id", orderId).path("docstatus").asInt()).isEqualTo(2);
    }

    @Test
    void anUnevenDiscountIsSoldInvoicedPaidAndDeliveredAtShopifysTotal() {
        long orderId = nextOrderId();
        stock("RULES-UNEVEN", 10);
        TestOrder order = TestOrder.ofCustomer(orderId, "#3001", T0, orderId + 7)
                .line(orderId + 1, "RULES-UNEVEN", 3, "20.00", "5.00");

        String paid = send("orders/paid", order.fulfilled(orderId + 2, T0.plusSeconds(60)).json());
        awaitFinished(paid);

        assertThat(env.status(paid)).isEqualTo("DONE");
        ObjectNode salesOrder = single("Sales Order", "shopify_order_id", orderId);
        assertThat(salesOrder.path("grand_total").decimalValue()).isEqualByComparingTo("55.00");
        assertThat(salesOrder.path("items")).extracting(row -> row.path("qty").asInt() + " x " + row.path("rate").asText())
                .containsExactly("1 x 18.34", "2 x 18.33");
        assertThat(invoiceOf(orderId).path("grand_total").decimalValue()).isEqualByComparingTo("55.00");
        assertThat(invoiceOf(orderId).path("outstanding_amount").decimalValue()).isZero();
        assertThat(single("Delivery Note", "shopify_fulfillment_id", orderId + 2).path("docstatus").asInt()).isEqualTo(1);
        assertThat(env.sandbox().actualQty("RULES-UNEVEN", STORES)).isEqualByComparingTo("7");
    }

    @Test
    void twoLinesOfOneVariantAreSoldInvoicedAndDelivered() {
        long orderId = nextOrderId();
        stock("RULES-TWICE", 10);
        TestOrder order = TestOrder.ofCustomer(orderId, "#3002", T0, orderId + 7)
                .line(orderId + 1, "RULES-TWICE", 1, "20.00", "0.00")
                .line(orderId + 2, "RULES-TWICE", 2, "20.00", "4.00");

        String paid = send("orders/paid", order.fulfilled(orderId + 3, T0.plusSeconds(60)).json());
        awaitFinished(paid);

        assertThat(env.status(paid)).as(env.statusReason(paid)).isEqualTo("DONE");
        assertThat(invoiceOf(orderId).path("grand_total").decimalValue()).isEqualByComparingTo("56.00");
        assertThat(single("Delivery Note", "shopify_fulfillment_id", orderId + 3).path("items"))
                .extracting(row -> row.path("qty").asInt()).containsExactly(1, 2);
        assertThat(env.sandbox().actualQty("RULES-TWICE", STORES)).isEqualByComparingTo("7");
    }

    @Test
    void aRestockingRefundAfterTheFulfilmentBringsTheGoodsBackOnAReturnDeliveryNote() {
        long orderId = nextOrderId();
        stock("RULES-RETURNED", 10);
        TestOrder order = TestOrder.ofCustomer(orderId, "#3003", T0, orderId + 7)
                .line(orderId + 1, "RULES-RETURNED", 2, "15.00", "0.00");
        String paid = send("orders/paid", order.fulfilled(orderId + 2, T0.plusSeconds(60)).json());
        String refunded = send("refunds/create", order.refund(orderId + 3, T0.plusSeconds(3600), 0, 1, "15.00", "return"));
        awaitFinished(paid, refunded);

        assertThat(env.status(refunded)).as(env.statusReason(refunded)).isEqualTo("DONE");
        ObjectNode creditNote = single("Sales Invoice", "shopify_invoice_key", "refund:" + (orderId + 3));
        assertThat(creditNote.path("grand_total").decimalValue()).isEqualByComparingTo("-15.00");
        assertThat(creditNote.path("update_stock").asInt()).isZero();
        assertThat(creditNote.path("outstanding_amount").decimalValue()).as("refund paid").isZero();
        ObjectNode returnNote = single("Delivery Note", "shopify_fulfillment_id",
                "refund:" + (orderId + 3) + ":" + single("Delivery Note", "shopify_fulfillment_id", orderId + 2)
                        .path("name").asText());
        assertThat(returnNote.path("is_return").asInt()).isEqualTo(1);
        assertThat(env.sandbox().actualQty("RULES-RETURNED", STORES)).as("2 left, 1 came back").isEqualByComparingTo("9");
        assertThat(env.sandbox().reservedQty("RULES-RETURNED", STORES)).as("nothing owed to the order again").isZero();
    }

    @Test
    void aRefundRestockedBeforeTheFulfilmentMovesNoStock() {
        long orderId = nextOrderId();
        stock("RULES-UNSHIPPED", 10);
        TestOrder order = TestOrder.ofCustomer(orderId, "#3004", T0, orderId + 7)
                .line(orderId + 1, "RULES-UNSHIPPED", 2, "15.00", "0.00");
        String paid = send("orders/paid", order.json());
        String refunded = send("refunds/create", order.refund(orderId + 3, T0.plusSeconds(3600), 0, 1, "15.00", "cancel"));
        awaitFinished(paid, refunded);

        assertThat(env.status(refunded)).as(env.statusReason(refunded)).isEqualTo("DONE");
        assertThat(env.statusReason(refunded)).endsWith("no goods came back");
        assertThat(single("Sales Invoice", "shopify_invoice_key", "refund:" + (orderId + 3))
                .path("grand_total").decimalValue()).isEqualByComparingTo("-15.00");
        assertThat(env.sandbox().documents("Delivery Note")).noneMatch(note ->
                note.path("shopify_order_name").asText().equals("#3004"));
        assertThat(env.sandbox().actualQty("RULES-UNSHIPPED", STORES)).isEqualByComparingTo("10");
    }

    @Test
    void anOrderOfZeroIsInvoicedWithoutAPaymentEntry() {
        long orderId = nextOrderId();
        String paid = send("orders/paid", TestOrder.ofCustomer(orderId, "#3005", T0, orderId + 7)
                .line(orderId + 1, "RULES-GIFT", 1, "20.00", "20.00").json());
        awaitFinished(paid);

        assertThat(env.status(paid)).as(env.statusReason(paid)).isEqualTo("DONE");
        assertThat(env.statusReason(paid)).endsWith("no Payment Entry: the invoice totals 0.00");
        assertThat(invoiceOf(orderId).path("grand_total").decimalValue()).isZero();
        assertThat(env.sandbox().count("Payment Entry", "shopify_payment_key", "order:" + orderId)).isZero();
    }

    @Test
    void aFullyDiscountedLineStaysFreeWhenItsItemHasAPriceAndIsNotAmendedAgain() {
        long orderId = nextOrderId();
        env.sandbox().seedDocument("Item", item("RULES-FREE"));
        env.sandbox().seedDocument("Item Price", JSON.createObjectNode().put("item_code", "RULES-FREE")
                .put("price_list", "Standard Selling").put("price_list_rate", new BigDecimal("25.00")).put("selling", 1));
        TestOrder order = TestOrder.ofCustomer(orderId, "#3006", T0, orderId + 7)
                .line(orderId + 1, "RULES-FREE", 1, "25.00", "25.00")
                .line(orderId + 2, "RULES-PAID-BESIDE", 1, "10.00", "0.00")
                .financialStatus("pending");

        String created = send("orders/create", order.json());
        awaitFinished(created);
        String updated = send("orders/updated", order.updatedAt(T0.plusSeconds(30)).json());
        awaitFinished(updated);

        assertThat(salesOrdersOf(orderId)).as("never amended").singleElement().satisfies(salesOrder -> {
            assertThat(salesOrder.path("grand_total").decimalValue()).isEqualByComparingTo("10.00");
            assertThat(salesOrder.path("items").get(0).path("rate").decimalValue()).isZero();
        });
    }

    @Test
    void aTaxFreeOrderStaysTaxFreeWhenItsItemHasAnItemTaxTemplate() {
        long orderId = nextOrderId();
        ObjectNode template = JSON.createObjectNode().put("name", "Sales Tax 10 %").put("title", "Sales Tax 10 %")
                .put("company", "Shop Co");
        template.putArray("taxes").addObject().put("tax_type", "Sales Tax - SC").put("tax_rate", 10);
        env.sandbox().seedDocument("Item Tax Template", template);
        ObjectNode taxed = item("RULES-TAXED");
        taxed.putArray("taxes").addObject().put("item_tax_template", "Sales Tax 10 %");
        env.sandbox().seedDocument("Item", taxed);

        String paid = send("orders/paid", TestOrder.ofCustomer(orderId, "#3007", T0, orderId + 7)
                .line(orderId + 1, "RULES-TAXED", 1, "30.00", "0.00").json());
        awaitFinished(paid);

        assertThat(env.status(paid)).as(env.statusReason(paid)).isEqualTo("DONE");
        assertThat(single("Sales Order", "shopify_order_id", orderId).path("grand_total").decimalValue())
                .isEqualByComparingTo("30.00");
        assertThat(invoiceOf(orderId).path("grand_total").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(invoiceOf(orderId).path("outstanding_amount").decimalValue()).isZero();
    }

    @Test
    void aRefundOnTheDayOfItsInvoiceIsPostedAfterItWhateverTheServerClockSays() {
        long orderId = nextOrderId();
        Instant paidAt = Instant.parse("2026-12-01T09:30:00Z");
        // The site runs on UTC+14: ERPNext's own clock reads 23:45 while the invoice is made, 00:15 the next day while
        // the refund of the same UTC day is.
        env.sandbox().setting(SandboxSettings.SYSTEM, "time_zone", "Pacific/Kiritimati");
        try {
            TestOrder order = TestOrder.ofCustomer(orderId, "#3008", paidAt, orderId + 7)
                    .line(orderId + 1, "RULES-SAME-DAY", 1, "12.00", "0.00");
            env.sandbox().clock(Clock.fixed(Instant.parse("2026-12-01T09:45:00Z"), ZoneOffset.UTC));
            String paid = send("orders/paid", order.json());
            awaitFinished(paid);
            assertThat(env.status(paid)).as(env.statusReason(paid)).isEqualTo("DONE");
            env.sandbox().clock(Clock.fixed(Instant.parse("2026-12-01T10:15:00Z"), ZoneOffset.UTC));
            String refunded = send("refunds/create", order.refund(orderId + 3, paidAt.plusSeconds(1800), 0, 1, "12.00",
                    "no_restock"));
            awaitFinished(refunded);

            assertThat(env.status(refunded)).as(env.statusReason(refunded)).isEqualTo("DONE");
            assertThat(single("Sales Invoice", "shopify_invoice_key", "refund:" + (orderId + 3)).path("posting_time")
                    .asText()).isEqualTo("10:00:00");
        } finally {
            env.sandbox().clock(Clock.systemUTC());
            env.sandbox().setting(SandboxSettings.SYSTEM, "time_zone", "UTC");
        }
    }

    @Test
    void twoGuestOrdersWithTheSameNameAreBothBooked() {
        long first = nextOrderId();
        long second = nextOrderId();

        String one = send("orders/create", TestOrder.guest(first, "#3009", T0).financialStatus("pending")
                .line(first + 1, "RULES-GUEST", 1, "9.00", "0.00").json());
        String other = send("orders/create", TestOrder.guest(second, "#3009", T0).financialStatus("pending")
                .line(second + 1, "RULES-GUEST", 1, "9.00", "0.00").json());
        awaitFinished(one, other);

        assertThat(List.of(env.status(one), env.status(other))).containsOnly("DONE");
        assertThat(single("Sales Order", "shopify_order_id", first).path("customer").asText())
                .isEqualTo(ProcessingSettings.GUEST_CUSTOMER);
        assertThat(single("Sales Order", "shopify_order_id", second).path("shopify_order_name").asText())
                .isEqualTo("#3009");
    }

    @Test
    void anOrderInAnotherCurrencyThanTheCompanysIsRefusedNamingWhatToSet() {
        long orderId = nextOrderId();

        String created = send("orders/create", TestOrder.ofCustomer(orderId, "#3010", T0, orderId + 7).currency("EUR")
                .line(orderId + 1, "RULES-EURO", 1, "9.00", "0.00").json());
        awaitFinished(created);

        assertThat(env.status(created)).isEqualTo("DEAD");
        assertThat(env.statusReason(created)).contains("order #3010 is in EUR but company Shop Co books in USD")
                .contains("set erpnext.company (or the shop's shopify.shops[N].erpnext.company) to a company whose default currency is EUR");
        assertThat(salesOrdersOf(orderId)).isEmpty();
    }

    /** Ids ten apart, so that the line, variant, fulfilment and refund ids derived from them never meet. */
    private static long nextOrderId() {
        return NEXT_ORDER.addAndGet(10);
    }

    private void stock(String itemCode, int qty) {
        env.sandbox().seedDocument("Item", item(itemCode));
        env.sandbox().setActualQty(itemCode, STORES, BigDecimal.valueOf(qty));
        env.sandbox().setValuationRate(itemCode, STORES, new BigDecimal("5.00"));
    }

    private static ObjectNode item(String itemCode) {
        return JSON.createObjectNode().put("name", itemCode).put("item_code", itemCode).put("item_name", itemCode)
                .put("item_group", "Products").put("stock_uom", "Nos").put("is_stock_item", 1);
    }

    private ObjectNode invoiceOf(long orderId) {
        return single("Sales Invoice", "shopify_invoice_key", orderId);
    }

    private ObjectNode order(String fixture, long orderId) {
        ObjectNode order = OrderFixtures.json("orders/" + fixture + ".json");
        return order.put("id", orderId).put("admin_graphql_api_id", "gid://shopify/Order/" + orderId);
    }

    private ObjectNode version(ObjectNode order, Instant updatedAt, String financialStatus) {
        return order.deepCopy().put("updated_at", updatedAt.toString()).put("financial_status", financialStatus);
    }

    /** Drops the order's last line and its share of tax and discount, leaving the given total. */
    private static void removeLastLine(ObjectNode order, String newTotal) {
        var lines = order.withArray("line_items");
        lines.remove(lines.size() - 1);
        order.put("total_price", newTotal);
    }

    private String send(String topic, JsonNode payload) {
        return env.deliver(topic, payload.toString());
    }

    private void awaitFinished(String... webhookIds) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(List.of(webhookIds))
                .allSatisfy(id -> assertThat(env.status(id)).as("%s: %s", id, lastError(id))
                        .isIn("DONE", "IGNORED", "DEAD")));
    }

    private String lastError(String webhookId) {
        return env.jdbc().queryForObject("SELECT last_error FROM inbox_event WHERE webhook_id = ?", String.class, webhookId);
    }



    private ObjectNode single(String doctype, String key, Object value) {
        List<ObjectNode> matches = env.sandbox().documents(doctype).stream()
                .filter(doc -> doc.path(key).asText().equals(String.valueOf(value))).toList();
        assertThat(matches).as(doctype + " with " + key + "=" + value).hasSize(1);
        return matches.get(0);
    }

    private List<ObjectNode> salesOrdersOf(long orderId) {
        return env.sandbox().documents("Sales Order").stream()
                .filter(doc -> doc.path("shopify_order_id").asText().startsWith(String.valueOf(orderId))).toList();
    }

    private double conflicts() {
        return env.app().bean(MeterRegistry.class).find("inbox.outcomes").tag("outcome", "conflict").counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

}
