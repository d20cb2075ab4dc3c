package io.shoperp.mapping;

import static io.shoperp.mapping.SalesOrderMapperTest.rows;
import static io.shoperp.mapping.SalesOrderMapperTest.taxSummary;
import static io.shoperp.support.OrderFixtures.FREIGHT;
import static io.shoperp.support.OrderFixtures.SALES_ADJUSTMENTS;
import static io.shoperp.support.OrderFixtures.SALES_TAX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.shopify.ShopifyRefund;
import io.shoperp.support.OrderFixtures;
import org.junit.jupiter.api.Test;

class CreditNoteMapperTest {

    private final ErpNextMappingProperties mapping = OrderFixtures.mapping();
    private final CreditNoteMapper mapper = new CreditNoteMapper(mapping);

    @Test
    void returnedLineWithShippingRefundCreditsExactlyWhatWasPaidBackWithoutMovingStock() {
        ShopifyRefund refund = OrderFixtures.refund("return-with-shipping");

        ObjectNode creditNote = mapper.map(refund, invoiceOf("taxes-excluded-discount-code"), List.of(), false);

        assertThat(ErpNextTotals.grandTotal(creditNote)).isEqualByComparingTo("-28.13");
        assertThat(creditNote.get("is_return").asInt()).isEqualTo(1);
        assertThat(creditNote.get("return_against").asText()).isEqualTo("SINV-00001");
        assertThat(creditNote.get("shopify_invoice_key").asText()).isEqualTo("refund:9007199254742001");
        assertThat(creditNote.get("update_stock").asInt()).isZero();
        assertThat(creditNote.get("posting_date").asText()).isEqualTo("2026-12-05");
        assertThat(creditNote.get("posting_time").asText()).isEqualTo("14:00:02");
        assertThat(creditNote.get("customer").asText()).isEqualTo("Jane Doe");
        assertThat(rows(creditNote, "items")).singleElement().satisfies(row -> {
            assertThat(row.get("item_code").asText()).isEqualTo("TSHIRT-RED-M");
            assertThat(row.get("qty").asInt()).isEqualTo(-1);
            assertThat(row.get("rate").decimalValue()).isEqualByComparingTo("18.17");
            assertThat(row.get("warehouse").asText()).isEqualTo(OrderFixtures.STORES);
            assertThat(row.get(SalesOrderMapper.LINE_ITEM_FIELD).asText()).isEqualTo("9007199254740995");
            assertThat(row.get("sales_invoice_item").asText()).isEqualTo("SINV-00001-row-2");
        });
        // 1.36 tax shared over the line's 3.27 state and 0.82 county tax
        assertThat(taxSummary(creditNote)).containsExactly(
                "Actual " + SALES_TAX + " State Tax -1.09",
                "Actual " + SALES_TAX + " County Tax -0.27",
                "Actual " + FREIGHT + " Shipping refund -8.00",
                "Actual " + SALES_TAX + " Shipping refund (tax) -0.60");
    }

    @Test
    void taxesIncludedRefundWithoutRestockAndADiscrepancyCreditsTheAmountRefunded() {
        ShopifyRefund refund = OrderFixtures.refund("partial-no-restock-discrepancy");

        ObjectNode creditNote = mapper.map(refund, invoiceOf("taxes-included-guest"), List.of(), true);

        assertThat(ErpNextTotals.grandTotal(creditNote)).isEqualByComparingTo("-9.00");
        assertThat(creditNote.get("customer").asText()).isEqualTo(OrderFixtures.GUEST);
        assertThat(creditNote.get("update_stock").asInt()).isZero();
        // processed_at is null: the refund's created_at dates it
        assertThat(creditNote.get("posting_date").asText()).isEqualTo("2026-12-01");
        assertThat(rows(creditNote, "items")).singleElement().satisfies(row -> {
            assertThat(row.get("qty").asInt()).isEqualTo(-1);
            assertThat(row.get("rate").decimalValue()).isEqualByComparingTo("9.34");
        });
        assertThat(taxSummary(creditNote)).containsExactly(
                "Actual " + SALES_TAX + " Ermäßigte MwSt. 7 % -0.65",
                "Actual " + SALES_ADJUSTMENTS + " Refund discrepancy 0.99");
    }

    @Test
    void eachUnitReturnsTheInvoiceRowWithTheLowestRateNotBelowItsOwnAndWhatFitsNoRowIsUnlinked() {
        // The line's 3 x 19.99 less 5.45 is invoiced as 1 x 18.18 (row 1) and 2 x 18.17 (row 2).
        ShopifyRefund.RefundLineItem line = OrderFixtures.refund("return-with-shipping").refundLineItems().get(0);
        ObjectNode invoice = invoiceOf("taxes-excluded-discount-code");
        ObjectNode earlier = OrderFixtures.saved(mapper.map(refundOf(line, 2, "36.34"), invoice, List.of(), false),
                "SINV-00002");

        ObjectNode creditNote = mapper.map(refundOf(line, 2, "36.35"), invoice, List.of(earlier), false);

        assertThat(summary(earlier)).containsExactly("-2 x 18.17 SINV-00001-row-2");
        assertThat(summary(creditNote)).containsExactly("-1 x 18.18 SINV-00001-row-1", "-1 x 18.17 unlinked");
        assertThat(rows(creditNote, "items")).extracting(row -> row.path("description").asText()).doesNotHaveDuplicates();
    }

    private static List<String> summary(ObjectNode creditNote) {
        return rows(creditNote, "items").stream().map(row -> row.path("qty").asInt() + " x " + row.path("rate").asText()
                + " " + row.path("sales_invoice_item").asText("unlinked")).toList();
    }

    private static ShopifyRefund refundOf(ShopifyRefund.RefundLineItem line, int quantity, String subtotal) {
        ShopifyRefund refund = OrderFixtures.refund("return-with-shipping");
        ShopifyRefund.RefundLineItem units = new ShopifyRefund.RefundLineItem(line.id(), line.lineItemId(), quantity,
                line.locationId(), "no_restock", new BigDecimal(subtotal), BigDecimal.ZERO, line.lineItem());
        return new ShopifyRefund(refund.id() + quantity, refund.orderId(), refund.createdAt(), refund.processedAt(),
                refund.note(), List.of(units), refund.transactions(), List.of());
    }

    @Test
    void aShippingOnlyRefundIsAChargeOnAZeroQuantityRow() {
        ShopifyRefund refund = OrderFixtures.refund("return-with-shipping");
        ShopifyRefund shippingOnly = new ShopifyRefund(refund.id(), refund.orderId(), refund.createdAt(),
                refund.processedAt(), refund.note(), List.of(), refund.transactions(), refund.orderAdjustments());

        ObjectNode creditNote = mapper.map(shippingOnly, invoiceOf("taxes-excluded-discount-code"), List.of(), false);

        assertThat(ErpNextTotals.grandTotal(creditNote)).isEqualByComparingTo("-8.60");
        assertThat(rows(creditNote, "items")).singleElement().satisfies(row -> assertThat(row.get("qty").asInt()).isZero());
        assertThat(creditNote.get("update_stock").asInt()).isZero();
    }

    @Test
    void anAdjustmentTaxWithoutAccountFailsNamingTheKey() {
        mapping.getTaxAccounts().remove("shipping_refund tax");
        mapping.setDefaultTaxAccount(null);

        assertThatThrownBy(() -> mapper.map(OrderFixtures.refund("return-with-shipping"),
                invoiceOf("taxes-excluded-discount-code"), List.of(), false))
                .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("erpnext.tax-accounts.\"shipping_refund tax\"");
    }

    private ObjectNode invoiceOf(String fixture) {
        ShopifyOrder order = OrderFixtures.order(fixture);
        ObjectNode salesOrder = OrderFixtures.saved(new SalesOrderMapper(mapping).map(order, "Jane Doe"), "SO-00001");
        return OrderFixtures.saved(new SalesInvoiceMapper(OrderFixtures.mapping()).fromSalesOrder(salesOrder,
                OffsetDateTime.parse("2026-11-30T12:00:00Z")), "SINV-00001");
    }
}
