package io.shoperp.measured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.sandbox.SandboxRequestLog;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import io.shoperp.support.Closing;
import io.shoperp.support.MariaDbServer;
import io.shoperp.support.SandboxedApp;
import io.shoperp.support.TestOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The load one order puts on ERPNext (issue 16, part 2): the webhooks of an order's life (created, paid, fulfilled,
 * refunded with restock; with the companion webhooks Shopify sends for each step) go over HTTP into the application
 * on MariaDB, which applies them to the ERPNext sandbox over HTTP; the sandbox's request log counts every call by
 * HTTP method, doctype and operation, beside the documents the calls wrote. Once for a new customer's order, then
 * for the same customer's second order of the same items: the steady state (masters cached, items existing), where
 * the target is at most one read per document written. The table goes to stdout and
 * target/measured/erpnext-calls.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErpNextCallsPerOrderMariaDbTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final long CUSTOMER_ID = 7_301_000_000_001L;
    private static final String CARD = "shopify_payments";
    /**
     * Measured 2026-12 after the lookups by key became one call each, masters were cached (54 before) and a payment
     * took the invoice its event had just read or created (24 before).
     */
    private static final int MOST_READS_OF_A_RETURNING_CUSTOMERS_ORDER = 23;

    private ShopifySandbox shopify;
    private SandboxedApp env;

    @BeforeAll
    void start() {
        shopify = new ShopifySandbox().start();
        env = SandboxedApp.start(MariaDbServer.get().createSchema("erpnext_calls"), Map.of(
                "shopify.shops[0].admin-api-url", shopify.adminApiUrl(),
                "shopify.shops[0].admin-api-token", shopify.accessToken(),
                "erpnext.payment-accounts." + CARD, "Shopify Payments - SC",
                // Nothing but the order's webhooks may call ERPNext while they are counted.
                "reconcile.enabled", "false",
                "stock.push-enabled", "false"));
    }

    @AfterAll
    void stop() {
        Closing.all(env, shopify);
    }

    @Test
    void aReturningCustomersOrderMakesNoMoreReadsThanMeasured() {
        OrderCalls newCustomer = lifecycle(7_301_000_000_100L, "#4001", T0);
        OrderCalls returningCustomer = lifecycle(7_301_000_000_200L, "#4002", T0.plusSeconds(86_400));

        String table = ErpNextCallTable.markdown(newCustomer, returningCustomer);
        System.out.println(table);
        try {
            Files.writeString(Measured.dir().resolve("erpnext-calls.md"), table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The target (issue 16) is one read per document written; what remains above it is listed in
        // docs/measured.md. Until it is met this holds the ground gained: no change may add reads to an order.
        assertThat(returningCustomer.reads())
                .as("reads of the returning customer's order (target: %d, the documents written)%n%s",
                        returningCustomer.documentsWritten(), table)
                .isLessThanOrEqualTo(MOST_READS_OF_A_RETURNING_CUSTOMERS_ORDER);
    }

    /**
     * One order's webhooks, each applied before the next is sent (one order's events apply in turn anyway), and the
     * ERPNext requests each caused: 2 x TSHIRT-RED-M and 1 x TSHIRT-BLUE-L with shipping, billed and shipped to one
     * address, paid by card, shipped at once, one red shirt refunded and restocked.
     */
    private OrderCalls lifecycle(long orderId, String name, Instant at) {
        TestOrder order = TestOrder.ofCustomer(orderId, name, at, CUSTOMER_ID)
                .line(orderId + 1, "TSHIRT-RED-M", 2, "20.00", "0.00")
                .line(orderId + 2, "TSHIRT-BLUE-L", 1, "15.00", "0.00")
                .shipping("Standard", "5.00", "Sales Tax", "0.10", "0.50")
                .address("billing_address", "1 Ledger Lane", "Boston", "02110", "US", "United States")
                .address("shipping_address", "1 Ledger Lane", "Boston", "02110", "US", "United States");
        String total = order.json().path("total_price").asText();
        Instant paidAt = at.plusSeconds(60);
        Instant shippedAt = at.plusSeconds(3_600);
        Instant refundedAt = at.plusSeconds(7_200);
        ObjectNode sale = ShopifySandbox.transaction(orderId + 3, orderId, "sale", CARD, "success", total, paidAt, null);
        shopify.putTransactions(orderId, List.of(sale));

        OrderCalls calls = new OrderCalls();
        env.sandbox().requestLog().start();
        try {
            apply(calls, "orders/create", order.financialStatus("pending").json());
            apply(calls, "order_transactions/create", sale);
            apply(calls, "orders/paid", order.financialStatus("paid").updatedAt(paidAt).json());
            apply(calls, "fulfillments/create", order.fulfillment(orderId + 4, shippedAt));
            apply(calls, "orders/fulfilled", order.fulfilled(orderId + 4, shippedAt).updatedAt(shippedAt).json());
            ObjectNode refund = order.refund(orderId + 5, refundedAt, 0, 1, "20.00", "return");
            apply(calls, "refunds/create", refund);
            ObjectNode refunded = order.financialStatus("partially_refunded").updatedAt(refundedAt).json();
            refunded.putArray("refunds").add(refund);
            apply(calls, "orders/updated", refunded);
        } finally {
            env.sandbox().requestLog().stop();
        }
        return calls;
    }

    private void apply(OrderCalls calls, String topic, ObjectNode payload) {
        int before = env.sandbox().requestLog().requests().size();
        String webhookId = env.deliver(topic, payload.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("DONE", "IGNORED", "DEAD").contains(env.status(webhookId)));
        assertThat(env.status(webhookId)).as("%s: %s", topic, env.statusReason(webhookId)).isEqualTo("DONE");
        List<SandboxRequestLog.Request> all = env.sandbox().requestLog().requests();
        calls.add(topic, new ArrayList<>(all.subList(before, all.size())));
    }
}
