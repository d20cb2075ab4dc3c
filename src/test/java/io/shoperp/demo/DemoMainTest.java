package io.shoperp.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** README's demo works: one run of it, as {@code ./mvnw -q -Pdemo verify} starts it, checked document by document. */
class DemoMainTest {

    @Test
    void theOrdersLifeLandsOnceAtShopifysAmountsAndTheRetryAndReplayCreateNothing() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        DemoReport report = DemoMain.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(report.problems()).as(output).isEmpty();
        assertThat(report.orderTotal()).isEqualByComparingTo("85.60");
        assertThat(report.deliveries()).extracting(Delivery::topic, Delivery::httpStatus, Delivery::answer, Delivery::status)
                .containsExactly(
                        tuple("customers/create", 200, "accepted", "DONE"),
                        tuple("orders/create", 200, "accepted", "DONE"),
                        tuple("orders/paid", 200, "accepted", "DONE"),
                        tuple("order_transactions/create", 200, "accepted", "DONE"),
                        tuple("fulfillments/create", 200, "accepted", "DONE"),
                        tuple("refunds/create", 200, "accepted", "DONE"));
        assertThat(report.documents()).extracting(LinkedDocument::label, LinkedDocument::state,
                        doc -> doc.amount() == null ? null : DemoReport.money(doc.amount()))
                .containsExactly(
                        tuple("Customer", "", null),
                        tuple("Address", "", null),
                        tuple("Contact", "", null),
                        tuple("Sales Order", "submitted", "85.60"),
                        tuple("Sales Invoice", "submitted, owes 0.00", "85.60"),
                        tuple("Payment Entry", "submitted", "85.60"),
                        tuple("Delivery Note", "submitted", "75.00"),
                        tuple("Sales Invoice (return)", "submitted, owes 0.00", "-30.00"),
                        tuple("Payment Entry (refund)", "submitted", "30.00"),
                        tuple("Delivery Note (return)", "submitted", "-30.00"));
        assertThat(report.stockAfter()).containsEntry(DemoShop.RED_SHIRT, report.stockBefore().get(DemoShop.RED_SHIRT)
                .subtract(java.math.BigDecimal.valueOf(2)));
        assertThat(report.stockAfter().get(DemoShop.BLUE_SHIRT)).as("shipped, then returned and restocked")
                .isEqualByComparingTo(report.stockBefore().get(DemoShop.BLUE_SHIRT));

        assertThat(report.shopifyRetry().delivery().answer()).isEqualTo("duplicate");
        assertThat(report.shopifyRetry().inboxEventsAfter()).isEqualTo(report.shopifyRetry().inboxEventsBefore());
        assertThat(report.shopifyRetry().changedNothingInErpNext()).isTrue();
        assertThat(report.replay().delivery().status()).isEqualTo("DONE");
        assertThat(report.replay().inboxEventsAfter()).isEqualTo(report.replay().inboxEventsBefore() + 1);
        assertThat(report.replay().changedNothingInErpNext()).isTrue();

        assertThat(output).contains("Sales Order", "shopify_order_id=" + DemoShop.ORDER_ID,
                "shopify_invoice_key=refund:" + DemoShop.REFUND_ID, "HTTP 200 duplicate", "PASSED");
    }
}
