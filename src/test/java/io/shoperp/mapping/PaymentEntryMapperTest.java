package io.shoperp.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.shopify.ShopifyRefund;
import io.shoperp.shopify.ShopifyTransaction;
import io.shoperp.support.OrderFixtures;
import org.junit.jupiter.api.Test;

class PaymentEntryMapperTest {

    private final ErpNextMappingProperties mapping = OrderFixtures.mapping();
    private final PaymentEntryMapper mapper = new PaymentEntryMapper(mapping);

    @Test
    void receiptAllocatesTheWholeInvoiceOnTheGatewaysAccount() {
        ShopifyOrder order = OrderFixtures.order("taxes-excluded-discount-code");

        ObjectNode payment = mapper.receipt(order, invoiceOf(order, "SINV-00003")).orElseThrow();

        assertThat(payment.get("payment_type").asText()).isEqualTo("Receive");
        assertThat(payment.get("party_type").asText()).isEqualTo("Customer");
        assertThat(payment.get("party").asText()).isEqualTo("Jane Doe");
        assertThat(payment.get("company").asText()).isEqualTo(OrderFixtures.COMPANY);
        assertThat(payment.get("paid_to").asText()).isEqualTo(OrderFixtures.SHOPIFY_PAYMENTS);
        assertThat(payment.get("paid_amount").decimalValue()).isEqualByComparingTo("116.06");
        assertThat(payment.get("received_amount").decimalValue()).isEqualByComparingTo("116.06");
        assertThat(payment.get("reference_no").asText()).isEqualTo("#1001");
        assertThat(payment.get("reference_date").asText()).isEqualTo("2026-12-01");
        assertThat(payment.get("shopify_payment_key").asText()).isEqualTo("order:9007199254740993");
        JsonNode reference = payment.get("references").get(0);
        assertThat(reference.get("reference_doctype").asText()).isEqualTo("Sales Invoice");
        assertThat(reference.get("reference_name").asText()).isEqualTo("SINV-00003");
        assertThat(reference.get("allocated_amount").decimalValue()).isEqualByComparingTo("116.06");
    }

    @Test
    void aReceiptPaysOnlyWhatTheInvoiceStillOwesAndNothingWhenItOwesNothing() {
        ShopifyOrder order = OrderFixtures.order("taxes-excluded-discount-code");
        ObjectNode partlyPaid = invoiceOf(order, "SINV-00008").put("outstanding_amount", new BigDecimal("66.06"));
        ObjectNode settled = invoiceOf(order, "SINV-00009").put("outstanding_amount", BigDecimal.ZERO);

        ObjectNode payment = mapper.receipt(order, partlyPaid).orElseThrow();

        assertThat(payment.get("paid_amount").decimalValue()).isEqualByComparingTo("66.06");
        assertThat(payment.get("references").get(0).get("allocated_amount").decimalValue()).isEqualByComparingTo("66.06");
        assertThat(mapper.receipt(order, settled)).isEmpty();
    }

    @Test
    void aGatewayWithoutAccountFailsNamingTheKey() {
        ShopifyOrder order = OrderFixtures.order("taxes-included-guest");
        mapping.getPaymentAccounts().remove("paypal");

        assertThatThrownBy(() -> mapper.receipt(order, invoiceOf(order, "SINV-00004")))
                .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("erpnext.payment-accounts.\"paypal\"");
    }

    @Test
    void aCapturedTransactionPaysTheInvoiceOnItsGatewaysAccountKeyedByItsId() {
        ShopifyOrder order = OrderFixtures.order("taxes-excluded-discount-code");
        mapping.getPaymentAccounts().put("gift_card", "Gift Cards - SC");

        ObjectNode payment = mapper.capture(transaction(7001, "sale", "gift_card", "success", "36.06"), "Sales Invoice",
                invoiceOf(order, "SINV-00005")).orElseThrow();

        assertThat(payment.get("paid_to").asText()).isEqualTo("Gift Cards - SC");
        assertThat(payment.get("paid_amount").decimalValue()).isEqualByComparingTo("36.06");
        assertThat(payment.get("shopify_payment_key").asText()).isEqualTo("transaction:7001");
        assertThat(payment.get("reference_no").asText()).isEqualTo("7001");
        assertThat(payment.get("reference_date").asText()).as("processed_at, in UTC").isEqualTo("2026-12-02");
        assertThat(payment.get("posting_date").asText()).isEqualTo("2026-12-02");
        JsonNode reference = payment.get("references").get(0);
        assertThat(reference.get("reference_doctype").asText()).isEqualTo("Sales Invoice");
        assertThat(reference.get("reference_name").asText()).isEqualTo("SINV-00005");
        assertThat(reference.get("allocated_amount").decimalValue()).isEqualByComparingTo("36.06");
    }

    @Test
    void aCaptureAllocatesNoMoreThanTheInvoiceStillOwesTheRestStaysAnAdvance() {
        ShopifyOrder order = OrderFixtures.order("taxes-excluded-discount-code");
        ObjectNode invoice = invoiceOf(order, "SINV-00006").put("outstanding_amount", new BigDecimal("16.06"));

        ObjectNode payment = mapper.capture(transaction(7002, "capture", "shopify_payments", "success", "50.00"),
                "Sales Invoice", invoice).orElseThrow();

        assertThat(payment.get("paid_amount").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(payment.get("paid_to").asText()).isEqualTo(OrderFixtures.SHOPIFY_PAYMENTS);
        assertThat(payment.get("references").get(0).get("allocated_amount").decimalValue()).isEqualByComparingTo("16.06");
    }

    @Test
    void beforeTheInvoiceACaptureIsAnAdvanceAgainstTheSalesOrderUpToWhatItStillOwes() {
        ObjectNode salesOrder = OrderFixtures.saved(new SalesOrderMapper(mapping).map(
                OrderFixtures.order("taxes-excluded-discount-code"), "Jane Doe"), "SO-00002")
                .put("advance_paid", new BigDecimal("100.00"));

        ObjectNode payment = mapper.capture(transaction(7003, "sale", "shopify_payments", "success", "20.00"),
                "Sales Order", salesOrder).orElseThrow();

        assertThat(payment.has("paid_from")).as("ERPNext takes the customer's receivable").isFalse();
        JsonNode reference = payment.get("references").get(0);
        assertThat(reference.get("reference_doctype").asText()).isEqualTo("Sales Order");
        assertThat(reference.get("reference_name").asText()).isEqualTo("SO-00002");
        assertThat(reference.get("allocated_amount").decimalValue()).isEqualByComparingTo("16.06");
    }

    @Test
    void onlyCapturedMoneyIsBookedAndNeverInAnotherCurrencyOrAtZero() {
        ObjectNode invoice = invoiceOf(OrderFixtures.order("taxes-excluded-discount-code"), "SINV-00007");
        ShopifyTransaction euros = new ShopifyTransaction(7006L, 1L, null, "sale", "shopify_payments", "success",
                new BigDecimal("10.00"), "EUR", OffsetDateTime.parse("2026-12-02T10:00:00Z"), null);

        assertThatThrownBy(() -> mapper.capture(transaction(7004, "authorization", "shopify_payments", "success", "116.06"),
                "Sales Invoice", invoice)).isInstanceOf(UnprocessableEventException.class)
                .hasMessageContaining("moved no money");
        assertThatThrownBy(() -> mapper.capture(transaction(7005, "sale", "shopify_payments", "pending", "116.06"),
                "Sales Invoice", invoice)).isInstanceOf(UnprocessableEventException.class);
        assertThatThrownBy(() -> mapper.capture(euros, "Sales Invoice", invoice))
                .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("is in EUR");
        assertThat(mapper.capture(transaction(7007, "sale", "gift_card", "success", "0.00"), "Sales Invoice", invoice))
                .isEmpty();
    }

    private static ShopifyTransaction transaction(long id, String kind, String gateway, String status, String amount) {
        // 23:30 in New York is the next day in UTC.
        return new ShopifyTransaction(id, 9007199254740993L, null, kind, gateway, status, new BigDecimal(amount), "USD",
                OffsetDateTime.parse("2026-12-01T23:30:00-05:00"), "auth-" + id);
    }

    @Test
    void refundPaysBackTheSuccessfulRefundTransactionsAgainstTheCreditNote() {
        ShopifyRefund refund = OrderFixtures.refund("return-with-shipping");
        ObjectNode payment = mapper.refund(refund, creditNoteNamed("SINV-00009")).orElseThrow();

        assertThat(payment.get("payment_type").asText()).isEqualTo("Pay");
        assertThat(payment.get("party").asText()).isEqualTo("Jane Doe");
        assertThat(payment.get("paid_from").asText()).isEqualTo(OrderFixtures.SHOPIFY_PAYMENTS);
        // the failed attempt of 28.13 is not money paid back
        assertThat(payment.get("paid_amount").decimalValue()).isEqualByComparingTo("28.13");
        assertThat(payment.get("reference_no").asText()).isEqualTo("9007199254742202");
        assertThat(payment.get("reference_date").asText()).isEqualTo("2026-12-05");
        assertThat(payment.get("shopify_payment_key").asText()).isEqualTo("refund:9007199254742001");
        JsonNode reference = payment.get("references").get(0);
        assertThat(reference.get("reference_name").asText()).isEqualTo("SINV-00009");
        assertThat(reference.get("allocated_amount").decimalValue()).isEqualByComparingTo("-28.13");
    }

    @Test
    void aRefundWithoutSuccessfulTransactionPaysNothing() {
        ShopifyRefund refund = withTransactions(OrderFixtures.refund("return-with-shipping"), List.of());

        assertThat(mapper.refund(refund, creditNoteNamed("SINV-00009"))).isEqualTo(Optional.empty());
    }

    @Test
    void aRefundThroughTwoGatewaysIsRefused() {
        ShopifyRefund refund = OrderFixtures.refund("return-with-shipping");
        ShopifyTransaction card = refund.successfulRefundTransactions().get(0);
        ShopifyTransaction giftCard = new ShopifyTransaction(card.id() + 1, card.orderId(), card.parentId(), "refund",
                "gift_card", "success", new BigDecimal("5.00"), card.currency(), card.processedAt(), null);

        assertThatThrownBy(() -> mapper.refund(withTransactions(refund, List.of(card, giftCard)), creditNoteNamed("SINV-00009")))
                .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("several gateways");
    }

    private static ObjectNode invoiceOf(ShopifyOrder order, String name) {
        ObjectNode salesOrder = OrderFixtures.saved(new SalesOrderMapper(OrderFixtures.mapping()).map(order, "Jane Doe"),
                "SO-00001");
        return OrderFixtures.saved(new SalesInvoiceMapper(OrderFixtures.mapping()).fromSalesOrder(salesOrder,
                OffsetDateTime.parse("2026-12-01T08:00:00Z")), name);
    }

    private static ObjectNode creditNoteNamed(String name) {
        ShopifyOrder order = OrderFixtures.order("taxes-excluded-discount-code");
        return OrderFixtures.saved(new CreditNoteMapper(OrderFixtures.mapping())
                .map(OrderFixtures.refund("return-with-shipping"), invoiceOf(order, "SINV-00003"), List.of(), false), name);
    }

    private static ShopifyRefund withTransactions(ShopifyRefund refund, List<ShopifyTransaction> transactions) {
        return new ShopifyRefund(refund.id(), refund.orderId(), refund.createdAt(), refund.processedAt(), refund.note(),
                refund.refundLineItems(), transactions, refund.orderAdjustments());
    }
}
