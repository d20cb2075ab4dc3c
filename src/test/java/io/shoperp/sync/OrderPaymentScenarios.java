package io.shoperp.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.sandbox.SandboxSettings;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import io.shoperp.support.Closing;
import io.shoperp.support.MariaDbServer;
import io.shoperp.support.ProcessingSettings;
import io.shoperp.support.SandboxedApp;
import io.shoperp.support.TestOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Invoice policies and Payment Entries per Shopify transaction, over HTTP into the application on MariaDB, with the
 * Shopify sandbox as the shop's Admin API and the ERPNext sandbox's real-site rules, once per settings preset. One
 * application per {@code erpnext.invoice-on} value.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrderPaymentScenarios {

    private static final AtomicLong NEXT_ORDER = new AtomicLong(9_007_199_254_760_000L);
    private static final Instant T0 = Instant.parse("2026-11-30T15:00:00Z");
    private static final String STORES = "Stores - SC";
    private static final String CARD = "shopify_payments";
    private static final String GIFT_CARD = "gift_card";
    private static final String COD = "Cash on Delivery (COD)";
    private static final String CARD_ACCOUNT = "Shopify Payments - SC";
    private static final String GIFT_CARD_ACCOUNT = "Gift Cards - SC";
    private static final String CASH_ACCOUNT = "Cash - SC";

    private ShopifySandbox shopify;
    private SandboxedApp onPaid;
    private SandboxedApp onFulfilled;
    private SandboxedApp onCreated;

    abstract SandboxSettings.Preset preset();

    @BeforeAll
    void start() {
        shopify = new ShopifySandbox().start();
        onPaid = app("paid");
        onFulfilled = app("fulfilled");
        onCreated = app("created");
    }

    private SandboxedApp app(String invoiceOn) {
        Map<String, String> settings = new HashMap<>();
        settings.put("erpnext.invoice-on", invoiceOn);
        settings.put("erpnext.payment-accounts." + CARD, CARD_ACCOUNT);
        settings.put("erpnext.payment-accounts." + GIFT_CARD, GIFT_CARD_ACCOUNT);
        settings.put("erpnext.payment-accounts[" + COD + "]", CASH_ACCOUNT);
        settings.put("shopify.shops[0].admin-api-url", shopify.adminApiUrl());
        settings.put("shopify.shops[0].admin-api-token", shopify.accessToken());
        settings.put("reconcile.enabled", "false");
        SandboxedApp app = SandboxedApp.start(MariaDbServer.get().createSchema("payments_" + invoiceOn + "_"
                + preset().name().toLowerCase()), settings);
        app.sandbox().useSettings(preset());
        ProcessingSettings.seedGuestCustomer(app.sandbox());
        app.sandbox().seedDocument("Account", ErpNextClient.objectMapper().createObjectNode().put("name", GIFT_CARD_ACCOUNT)
                .put("account_name", "Gift Cards").put("account_type", "Cash").put("company", "Shop Co"));
        return app;
    }

    @AfterAll
    void stop() {
        Closing.all(onPaid, onFulfilled, onCreated, shopify);
    }

    @Test
    void aCashOnDeliveryOrderIsInvoicedWhenItShipsAndPaidWhenTheCashIsCaptured() {
        SandboxedApp env = onFulfilled;
        long orderId = nextOrderId();
        stock(env, "PAY-COD", 5);
        TestOrder order = TestOrder.ofCustomer(orderId, "#5001", T0, orderId + 7)
                .line(orderId + 1, "PAY-COD", 2, "30.00", "0.00").financialStatus("pending");
        ObjectNode placed = gateways(order.json(), COD);

        String created = env.deliver("orders/create", placed.toString());
        awaitFinished(env, created);
        assertThat(env.status(created)).isEqualTo("DONE");
        assertThat(single(env, "Sales Order", "shopify_order_id", orderId).path("grand_total").decimalValue())
                .isEqualByComparingTo("60.00");
        assertThat(env.sandbox().count("Sales Invoice", "shopify_invoice_key", String.valueOf(orderId))).isZero();

        String shipped = env.deliver("fulfillments/create", order.fulfillment(orderId + 2, T0.plusSeconds(3600)).toString());
        awaitFinished(env, shipped);
        assertThat(env.status(shipped)).as(env.statusReason(shipped)).isEqualTo("DONE");
        assertThat(single(env, "Delivery Note", "shopify_fulfillment_id", orderId + 2).path("docstatus").asInt()).isEqualTo(1);
        ObjectNode invoice = invoiceOf(env, orderId);
        assertThat(invoice.path("grand_total").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(invoice.path("outstanding_amount").decimalValue()).as("nothing paid yet").isEqualByComparingTo("60.00");
        assertThat(env.sandbox().documents("Payment Entry")).noneMatch(entry -> isFor(entry, invoice));

        ObjectNode cash = ShopifySandbox.transaction(orderId + 3, orderId, "sale", COD, "success", "60.00",
                T0.plusSeconds(7200), null);
        String captured = env.deliver("order_transactions/create", cash.toString());
        String paid = env.deliver("orders/paid", gateways(order.financialStatus("paid").updatedAt(T0.plusSeconds(7201))
                .json(), COD).toString());
        awaitFinished(env, captured, paid);

        assertThat(List.of(env.status(captured), env.status(paid))).containsOnly("DONE");
        ObjectNode payment = single(env, "Payment Entry", "shopify_payment_key", "transaction:" + (orderId + 3));
        assertThat(payment.path("paid_to").asText()).isEqualTo(CASH_ACCOUNT);
        assertThat(payment.path("paid_amount").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(invoiceOf(env, orderId).path("outstanding_amount").decimalValue()).isZero();
        assertThat(env.sandbox().count("Payment Entry", "shopify_payment_key", "order:" + orderId)).isZero();
    }

    @Test
    void aSplitCardAndGiftCardPaymentIsTwoPaymentEntriesOnTwoAccountsAndAReplayChangesNothing() {
        SandboxedApp env = onPaid;
        long orderId = nextOrderId();
        ObjectNode card = ShopifySandbox.transaction(orderId + 3, orderId, "sale", CARD, "success", "80.00", T0, null);
        ObjectNode giftCard = ShopifySandbox.transaction(orderId + 4, orderId, "sale", GIFT_CARD, "success", "36.06",
                T0, null);
        shopify.putTransactions(orderId, List.of(giftCard, card));
        ObjectNode order = gateways(TestOrder.ofCustomer(orderId, "#5002", T0, orderId + 7)
                .line(orderId + 1, "PAY-SPLIT", 2, "58.03", "0.00").json(), GIFT_CARD, CARD);

        String paid = env.deliver("orders/paid", order.toString());
        awaitFinished(env, paid);
        assertThat(env.status(paid)).as(env.statusReason(paid)).isEqualTo("DONE");
        int transactionReads = shopify.requestCount("rest transactions");

        String replayedCard = env.deliver("order_transactions/create", card.toString());
        String replayedGiftCard = env.deliver("order_transactions/create", giftCard.toString());
        String paidAgain = env.deliver("orders/paid", order.toString());
        awaitFinished(env, replayedCard, replayedGiftCard, paidAgain);

        assertThat(List.of(env.status(replayedCard), env.status(replayedGiftCard), env.status(paidAgain)))
                .containsOnly("DONE");
        ObjectNode invoice = invoiceOf(env, orderId);
        assertThat(invoice.path("grand_total").decimalValue()).isEqualByComparingTo("116.06");
        assertThat(invoice.path("outstanding_amount").decimalValue()).isZero();
        ObjectNode cardEntry = single(env, "Payment Entry", "shopify_payment_key", "transaction:" + (orderId + 3));
        ObjectNode giftCardEntry = single(env, "Payment Entry", "shopify_payment_key", "transaction:" + (orderId + 4));
        assertThat(cardEntry.path("paid_to").asText()).isEqualTo(CARD_ACCOUNT);
        assertThat(cardEntry.path("paid_amount").decimalValue()).isEqualByComparingTo("80.00");
        assertThat(cardEntry.path("reference_no").asText()).isEqualTo(String.valueOf(orderId + 3));
        assertThat(giftCardEntry.path("paid_to").asText()).isEqualTo(GIFT_CARD_ACCOUNT);
        assertThat(giftCardEntry.path("paid_amount").decimalValue()).isEqualByComparingTo("36.06");
        assertThat(env.sandbox().documents("Payment Entry").stream().filter(entry -> isFor(entry, invoice))).hasSize(2);
        assertThat(env.sandbox().count("Payment Entry", "shopify_payment_key", "order:" + orderId)).isZero();
        assertThat(shopify.requestCount("rest transactions")).as("a settled order is not read again")
                .isEqualTo(transactionReads);
    }

    @Test
    void aPartialCapturePaysPartOfTheInvoiceAndTheLaterCaptureTheRest() {
        SandboxedApp env = onPaid;
        long orderId = nextOrderId();
        TestOrder order = TestOrder.ofCustomer(orderId, "#5003", T0, orderId + 7)
                .line(orderId + 1, "PAY-PARTIAL", 2, "58.03", "0.00").financialStatus("authorized");
        ObjectNode authorization = ShopifySandbox.transaction(orderId + 3, orderId, "authorization", CARD, "success",
                "116.06", T0, null);
        ObjectNode firstCapture = ShopifySandbox.transaction(orderId + 4, orderId, "capture", CARD, "success", "50.00",
                T0.plusSeconds(600), orderId + 3);
        ObjectNode secondCapture = ShopifySandbox.transaction(orderId + 5, orderId, "capture", CARD, "success", "66.06",
                T0.plusSeconds(1200), orderId + 3);

        String created = env.deliver("orders/create", order.json().toString());
        String authorized = env.deliver("order_transactions/create", authorization.toString());
        awaitFinished(env, created, authorized);
        assertThat(env.status(authorized)).isEqualTo("IGNORED");
        assertThat(env.sandbox().count("Sales Invoice", "shopify_invoice_key", String.valueOf(orderId))).isZero();

        shopify.putTransactions(orderId, List.of(authorization, firstCapture));
        String captured = env.deliver("order_transactions/create", firstCapture.toString());
        String partlyPaid = env.deliver("orders/updated", order.financialStatus("partially_paid")
                .updatedAt(T0.plusSeconds(601)).json().toString());
        awaitFinished(env, captured, partlyPaid);

        assertThat(List.of(env.status(captured), env.status(partlyPaid))).containsOnly("DONE");
        assertThat(single(env, "Payment Entry", "shopify_payment_key", "transaction:" + (orderId + 4))
                .path("paid_amount").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(invoiceOf(env, orderId).path("outstanding_amount").decimalValue()).isEqualByComparingTo("66.06");

        shopify.putTransactions(orderId, List.of(authorization, firstCapture, secondCapture));
        String capturedRest = env.deliver("order_transactions/create", secondCapture.toString());
        String paid = env.deliver("orders/paid", order.financialStatus("paid").updatedAt(T0.plusSeconds(1201)).json()
                .toString());
        awaitFinished(env, capturedRest, paid);

        assertThat(List.of(env.status(capturedRest), env.status(paid))).containsOnly("DONE");
        assertThat(single(env, "Payment Entry", "shopify_payment_key", "transaction:" + (orderId + 5))
                .path("paid_amount").decimalValue()).isEqualByComparingTo("66.06");
        assertThat(env.sandbox().count("Payment Entry", "shopify_payment_key", "transaction:" + (orderId + 3))).isZero();
        assertThat(invoiceOf(env, orderId).path("outstanding_amount").decimalValue()).isZero();
    }

    @Test
    void aPrepaidOrderInvoicedOnFulfilmentIsPaidInAdvanceAndTheInvoiceTakesItOver() {
        SandboxedApp env = onFulfilled;
        long orderId = nextOrderId();
        stock(env, "PAY-PREPAID", 5);
        TestOrder order = TestOrder.ofCustomer(orderId, "#5004", T0, orderId + 7)
                .line(orderId + 1, "PAY-PREPAID", 1, "40.00", "0.00");
        shopify.putTransactions(orderId, List.of(ShopifySandbox.transaction(orderId + 3, orderId, "sale", CARD,
                "success", "40.00", T0, null)));

        String paid = env.deliver("orders/paid", order.json().toString());
        awaitFinished(env, paid);
        assertThat(env.status(paid)).as(env.statusReason(paid)).isEqualTo("DONE");
        assertThat(env.sandbox().count("Sales Invoice", "shopify_invoice_key", String.valueOf(orderId))).isZero();
        ObjectNode advance = single(env, "Payment Entry", "shopify_payment_key", "transaction:" + (orderId + 3));
        assertThat(advance.path("references").get(0).path("reference_doctype").asText()).isEqualTo("Sales Order");

        String shipped = env.deliver("fulfillments/create", order.fulfillment(orderId + 2, T0.plusSeconds(3600)).toString());
        awaitFinished(env, shipped);

        assertThat(env.status(shipped)).as(env.statusReason(shipped)).isEqualTo("DONE");
        ObjectNode invoice = invoiceOf(env, orderId);
        assertThat(invoice.path("total_advance").decimalValue()).isEqualByComparingTo("40.00");
        assertThat(invoice.path("outstanding_amount").decimalValue()).isZero();
        assertThat(env.sandbox().count("Payment Entry", "shopify_payment_key", "transaction:" + (orderId + 3))).isEqualTo(1);
    }

    @Test
    void anOrderInvoicedOnCreationOwesItsTotalUntilShopifyCapturesTheMoney() {
        SandboxedApp env = onCreated;
        long orderId = nextOrderId();
        TestOrder order = TestOrder.ofCustomer(orderId, "#5005", T0, orderId + 7)
                .line(orderId + 1, "PAY-CREATED", 3, "12.00", "1.00").financialStatus("pending");

        String created = env.deliver("orders/create", order.json().toString());
        awaitFinished(env, created);
        assertThat(env.status(created)).as(env.statusReason(created)).isEqualTo("DONE");
        assertThat(invoiceOf(env, orderId).path("outstanding_amount").decimalValue()).isEqualByComparingTo("35.00");

        String captured = env.deliver("order_transactions/create", ShopifySandbox.transaction(orderId + 3, orderId, "sale",
                CARD, "success", "35.00", T0.plusSeconds(60), null).toString());
        awaitFinished(env, captured);

        assertThat(env.status(captured)).as(env.statusReason(captured)).isEqualTo("DONE");
        assertThat(invoiceOf(env, orderId).path("outstanding_amount").decimalValue()).isZero();
        assertThat(single(env, "Payment Entry", "shopify_payment_key", "transaction:" + (orderId + 3)).path("paid_to")
                .asText()).isEqualTo(CARD_ACCOUNT);
    }

    /** Ids ten apart, so that the line, fulfilment and transaction ids derived from them never meet. */
    private static long nextOrderId() {
        return NEXT_ORDER.addAndGet(10);
    }

    private static ObjectNode gateways(ObjectNode order, String... gateways) {
        var names = order.putArray("payment_gateway_names");
        for (String gateway : gateways) {
            names.add(gateway);
        }
        return order;
    }

    private static void stock(SandboxedApp env, String itemCode, int qty) {
        env.sandbox().seedDocument("Item", ErpNextClient.objectMapper().createObjectNode().put("name", itemCode)
                .put("item_code", itemCode).put("item_name", itemCode).put("item_group", "Products")
                .put("stock_uom", "Nos").put("is_stock_item", 1));
        env.sandbox().setActualQty(itemCode, STORES, BigDecimal.valueOf(qty));
        env.sandbox().setValuationRate(itemCode, STORES, new BigDecimal("5.00"));
    }

    private static boolean isFor(ObjectNode payment, ObjectNode invoice) {
        for (var row : payment.path("references")) {
            if (row.path("reference_name").asText().equals(invoice.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode invoiceOf(SandboxedApp env, long orderId) {
        return single(env, "Sales Invoice", "shopify_invoice_key", orderId);
    }

    private static ObjectNode single(SandboxedApp env, String doctype, String key, Object value) {
        List<ObjectNode> matches = env.sandbox().documents(doctype).stream()
                .filter(doc -> doc.path(key).asText().equals(String.valueOf(value))).toList();
        assertThat(matches).as(doctype + " with " + key + "=" + value).hasSize(1);
        return matches.get(0);
    }

    private static void awaitFinished(SandboxedApp env, String... webhookIds) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(List.of(webhookIds))
                .allSatisfy(id -> assertThat(env.status(id)).as("%s: %s", id, env.jdbc().queryForObject(
                        "SELECT last_error FROM inbox_event WHERE webhook_id = ?", String.class, id))
                        .isIn("DONE", "IGNORED", "DEAD")));
    }
}
