package io.shoperp.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.support.MariaDbServer;
import io.shoperp.support.ProcessingSettings;
import io.shoperp.support.SandboxedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** orders/* webhooks over HTTP into the application on MariaDB, applied to the ERPNext sandbox. */
class OrderToCashMariaDbTest {

    private static final AtomicLong NEXT_ORDER = new AtomicLong(9_007_199_254_750_000L);
    private static final Instant T0 = Instant.parse("2026-11-29T09:00:00Z");

    static SandboxedApp env;

    @BeforeAll
    static void start() {
        env = SandboxedApp.start(MariaDbServer.get().createSchema("order_to_cash_test"), Map.of());
        ProcessingSettings.seedGuestCustomer(env.sandbox());
    }

    @AfterAll
    static void stop() {
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
        assertThat(salesOrder.path("po_no").asText()).isEqualTo("#1001");
        ObjectNode invoice = single("Sales Invoice", "shopify_invoice_key", orderId);
        assertThat(invoice.path("grand_total").decimalValue()).isEqualByComparingTo("116.06");
        assertThat(invoice.path("outstanding_amount").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
        ObjectNode payment = single("Payment Entry", "shopify_payment_key", "order:" + orderId);
        assertThat(payment.path("paid_to").asText()).isEqualTo("Shopify Payments - SC");
        assertThat(payment.path("paid_amount").decimalValue()).isEqualByComparingTo("116.06");
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

    private static ObjectNode order(String fixture, long orderId) {
        ObjectNode order = OrderFixtures.json("orders/" + fixture + ".json");
        return order.put("id", orderId).put("admin_graphql_api_id", "gid://shopify/Order/" + orderId);
    }

    private static ObjectNode version(ObjectNode order, Instant updatedAt, String financialStatus) {
        return order.deepCopy().put("updated_at", updatedAt.toString()).put("financial_status", financialStatus);
    }

    /** Drops the order's last line and its share of tax and discount, leaving the given total. */
    private static void removeLastLine(ObjectNode order, String newTotal) {
        var lines = order.withArray("line_items");
        lines.remove(lines.size() - 1);
        order.put("total_price", newTotal);
    }

    private static String send(String topic, JsonNode payload) {
        return env.deliver(topic, payload.toString());
    }

    private static void awaitFinished(String... webhookIds) {
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of(webhookIds).stream()
                .map(env::status).allMatch(s -> s.equals("DONE") || s.equals("IGNORED")
                        || s.equals("DEAD")));
    }



    private static ObjectNode single(String doctype, String key, Object value) {
        List<ObjectNode> matches = env.sandbox().documents(doctype).stream()
                .filter(doc -> doc.path(key).asText().equals(String.valueOf(value))).toList();
        assertThat(matches).as(doctype + " with " + key + "=" + value).hasSize(1);
        return matches.get(0);
    }

    private static List<ObjectNode> salesOrdersOf(long orderId) {
        return env.sandbox().documents("Sales Order").stream()
                .filter(doc -> doc.path("shopify_order_id").asText().startsWith(String.valueOf(orderId))).toList();
    }

    private static double conflicts() {
        return env.app().bean(MeterRegistry.class).find("inbox.outcomes").tag("outcome", "conflict").counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

}
