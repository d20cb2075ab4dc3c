package io.shoperp.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.support.MariaDbServer;
import io.shoperp.support.OrderFixtures;
import io.shoperp.support.SandboxedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The point of the design, randomized: any permutation of one order's events (create, updated, paid, fulfilled,
 * refunded), with duplicate deliveries, re-sent copies and concurrent senders, ends in the same ERPNext state as
 * the in-order sequence: one document per business key, totals to the cent, nothing DEAD.
 */
class OrderConvergenceMariaDbTest {

    private static final AtomicLong NEXT_ID = new AtomicLong(9_007_199_254_760_000L);
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final int RUNS = 12;

    static SandboxedApp env;

    @BeforeAll
    static void start() {
        env = SandboxedApp.start(MariaDbServer.get().createSchema("convergence_test"), Map.of(
                "processing.concurrency", "4", "erpnext.circuit-breaker.wait-duration-in-open-state", "200ms"));
        env.sandbox().setActualQty("TSHIRT-RED-M", "Stores - SC", new BigDecimal("1000"));
        env.sandbox().setActualQty("SHOPIFY-VARIANT-44012345678903", "Stores - SC", new BigDecimal("1000"));
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void everyPermutationWithDuplicatesEndsInTheInOrderState() throws Exception {
        Map<String, Object> inOrder = applyAndSnapshot(events(NEXT_ID.addAndGet(10)), new Random(0), false);
        // One document per business key; money to the cent, all settled.
        assertThat(inOrder).allSatisfy((kind, documents) -> assertThat((List<?>) documents).as(kind).hasSize(1));
        assertThat(inOrder.get("sales orders")).asString().contains("docstatus=1 total=116.06");
        assertThat(inOrder.get("invoices")).asString().contains("total=116.06 outstanding=0.00");

        for (int run = 1; run <= RUNS; run++) {
            Random random = new Random(run);
            Map<String, Object> shuffled = applyAndSnapshot(events(NEXT_ID.addAndGet(10)), random, true);
            assertThat(shuffled).as("run %d (seed %d)", run, run).isEqualTo(inOrder);
        }
    }

    /** Sends the events (shuffled, duplicated, concurrently when asked), waits, and describes what ERPNext holds. */
    private Map<String, Object> applyAndSnapshot(List<Event> events, Random random, boolean shuffle) throws Exception {
        long orderId = events.get(0).orderId();
        List<Delivery> deliveries = new ArrayList<>();
        for (Event event : events) {
            String webhookId = UUID.randomUUID().toString();
            deliveries.add(new Delivery(event, webhookId));
            if (shuffle && random.nextInt(3) == 0) {
                deliveries.add(new Delivery(event, webhookId)); // Shopify's retry of the same delivery
            }
            if (shuffle && random.nextInt(4) == 0) {
                deliveries.add(new Delivery(event, UUID.randomUUID().toString())); // the same fact sent twice
            }
        }
        if (shuffle) {
            Collections.shuffle(deliveries, random);
        }
        ExecutorService senders = Executors.newFixedThreadPool(shuffle ? 4 : 1);
        try {
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (Delivery delivery : deliveries) {
                sent.add(CompletableFuture.runAsync(() -> assertThat(env.shopify().send(env.shopify().delivery(
                        delivery.event().topic(), delivery.webhookId(), delivery.event().payload().toString()))
                        .statusCode()).isEqualTo(200), senders));
                if (!shuffle) {
                    sent.get(sent.size() - 1).join();
                    awaitFinished(orderId);
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        } finally {
            senders.shutdownNow();
        }
        awaitFinished(orderId);
        assertThat(env.jdbc().queryForList("SELECT CONCAT(topic, ': ', status_reason) FROM inbox_event"
                + " WHERE entity_key = ? AND status = 'DEAD'", String.class, "order:" + orderId)).isEmpty();
        return snapshot(orderId, events);
    }

    private static void awaitFinished(long orderId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> env.jdbc().queryForObject(
                "SELECT COUNT(*) FROM inbox_event WHERE entity_key = ? AND status IN ('PENDING', 'PROCESSING')",
                Integer.class, "order:" + orderId) == 0);
    }

    /** What ERPNext holds for the order, with the order's own ids replaced so runs compare. */
    private static Map<String, Object> snapshot(long orderId, List<Event> events) {
        long fulfillmentId = events.stream().filter(e -> e.topic().startsWith("fulfillments/")).findFirst()
                .orElseThrow().payload().path("id").asLong();
        long refundId = events.stream().filter(e -> e.topic().startsWith("refunds/")).findFirst()
                .orElseThrow().payload().path("id").asLong();
        Map<String, Object> state = new TreeMap<>();
        state.put("sales orders", describe("Sales Order", "shopify_order_id", String.valueOf(orderId)));
        state.put("invoices", describe("Sales Invoice", "shopify_invoice_key", String.valueOf(orderId)));
        state.put("credit notes", describe("Sales Invoice", "shopify_invoice_key", "refund:" + refundId));
        state.put("receipts", describe("Payment Entry", "shopify_payment_key", "order:" + orderId));
        state.put("refund payments", describe("Payment Entry", "shopify_payment_key", "refund:" + refundId));
        state.put("delivery notes", describe("Delivery Note", "shopify_fulfillment_id", String.valueOf(fulfillmentId)));
        return state;
    }

    private static List<String> describe(String doctype, String key, String value) {
        return env.sandbox().documents(doctype).stream().filter(doc -> doc.path(key).asText().equals(value))
                .map(doc -> "docstatus=" + doc.path("docstatus").asInt()
                        + " total=" + amount(doc, "grand_total", "paid_amount")
                        + " outstanding=" + amount(doc, "outstanding_amount", null))
                .sorted().toList();
    }

    private static String amount(ObjectNode doc, String field, String fallback) {
        JsonNode value = doc.hasNonNull(field) ? doc.get(field) : fallback == null ? null : doc.get(fallback);
        return value == null ? "-" : value.decimalValue().setScale(2).toPlainString();
    }

    /** One order's life: created, edited (a note only), paid, fulfilled, partly refunded. */
    private static List<Event> events(long orderId) {
        ObjectNode order = OrderFixtures.json("orders/taxes-excluded-discount-code.json");
        order.put("id", orderId).put("note", "first");
        long fulfillmentId = orderId + 1;
        long refundId = orderId + 2;
        ObjectNode fulfillment = OrderFixtures.json("fulfillments/first-parcel.json");
        fulfillment.put("id", fulfillmentId).put("order_id", orderId)
                .put("created_at", T0.plusSeconds(300).toString()).put("updated_at", T0.plusSeconds(300).toString());
        ObjectNode refund = OrderFixtures.json("refunds/return-with-shipping.json");
        refund.put("id", refundId).put("order_id", orderId).put("created_at", T0.plusSeconds(400).toString());
        return List.of(
                new Event("orders/create", orderId, version(order, T0, "pending", "first")),
                new Event("orders/updated", orderId, version(order, T0.plusSeconds(100), "pending", "gift wrap")),
                new Event("orders/paid", orderId, version(order, T0.plusSeconds(200), "paid", "gift wrap")),
                new Event("fulfillments/create", orderId, fulfillment),
                new Event("refunds/create", orderId, refund));
    }

    private static ObjectNode version(ObjectNode order, Instant updatedAt, String financialStatus, String note) {
        return order.deepCopy().put("updated_at", updatedAt.toString()).put("financial_status", financialStatus)
                .put("note", note);
    }


    private record Event(String topic, long orderId, ObjectNode payload) {
    }

    private record Delivery(Event event, String webhookId) {
    }
}
