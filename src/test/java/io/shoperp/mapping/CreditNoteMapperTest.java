package io.shoperp.mapping;

import static io.shoperp.mapping.OrderFixtures.FREIGHT;
import static io.shoperp.mapping.OrderFixtures.SALES_ADJUSTMENTS;
import static io.shoperp.mapping.OrderFixtures.SALES_TAX;
import static io.shoperp.mapping.SalesOrderMapperTest.rows;
import static io.shoperp.mapping.SalesOrderMapperTest.taxSummary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.shopify.ShopifyRefund;
import org.junit.jupiter.api.Test;

class CreditNoteMapperTest {

    private final ErpNextMappingProperties mapping = OrderFixtures.mapping();
    private final CreditNoteMapper mapper = new CreditNoteMapper(mapping);

    @Test
    void returnedLineWithShippingRefundCreditsExactlyWhatWasPaidBackAndRestocks() {
        ShopifyRefund refund = OrderFixtures.refund("return-with-shipping");

        ObjectNode creditNote = mapper.map(refund, invoiceOf("taxes-excluded-discount-code"), false);

        assertThat(ErpNextTotals.grandTotal(creditNote)).isEqualByComparingTo("-28.13");
        assertThat(creditNote.get("is_return").asInt()).isEqualTo(1);
        assertThat(creditNote.get("return_against").asText()).isEqualTo("SINV-00001");
        assertThat(creditNote.get("shopify_invoice_key").asText()).isEqualTo("refund:9007199254742001");
        assertThat(creditNote.get("update_stock").asInt()).isEqualTo(1);
        assertThat(creditNote.get("posting_date").asText()).isEqualTo("2026-12-05");
        assertThat(creditNote.get("customer").asText()).isEqualTo("Jane Doe");
        assertThat(rows(creditNote, "items")).singleElement().satisfies(row -> {
            assertThat(row.get("item_code").asText()).isEqualTo("TSHIRT-RED-M");
            assertThat(row.get("qty").asInt()).isEqualTo(-1);
            assertThat(row.get("rate").decimalValue()).isEqualByComparingTo("18.17");
            assertThat(row.get("warehouse").asText()).isEqualTo(OrderFixtures.STORES);
            assertThat(row.get(SalesOrderMapper.LINE_ITEM_FIELD).asText()).isEqualTo("9007199254740995");
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

        ObjectNode creditNote = mapper.map(refund, invoiceOf("taxes-included-guest"), true);

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
    void aRefundThatRestocksSomeLinesAndNotOthersIsRefused() {
        ShopifyRefund refund = OrderFixtures.refund("return-with-shipping");
        ShopifyRefund.RefundLineItem returned = refund.refundLineItems().get(0);
        ShopifyRefund.RefundLineItem kept = new ShopifyRefund.RefundLineItem(returned.id() + 1, returned.lineItemId(), 1,
                null, "no_restock", returned.subtotal(), returned.totalTax(), returned.lineItem());
        ShopifyRefund mixed = new ShopifyRefund(refund.id(), refund.orderId(), refund.createdAt(), refund.processedAt(),
                refund.note(), List.of(returned, kept), refund.transactions(), refund.orderAdjustments());

        assertThatThrownBy(() -> mapper.map(mixed, invoiceOf("taxes-excluded-discount-code"), false))
                .isInstanceOf(MappingException.class).hasMessageContaining("restocks some lines");
    }

    @Test
    void aShippingOnlyRefundIsAChargeOnAZeroQuantityRow() {
        ShopifyRefund refund = OrderFixtures.refund("return-with-shipping");
        ShopifyRefund shippingOnly = new ShopifyRefund(refund.id(), refund.orderId(), refund.createdAt(),
                refund.processedAt(), refund.note(), List.of(), refund.transactions(), refund.orderAdjustments());

        ObjectNode creditNote = mapper.map(shippingOnly, invoiceOf("taxes-excluded-discount-code"), false);

        assertThat(ErpNextTotals.grandTotal(creditNote)).isEqualByComparingTo("-8.60");
        assertThat(rows(creditNote, "items")).singleElement().satisfies(row -> assertThat(row.get("qty").asInt()).isZero());
        assertThat(creditNote.get("update_stock").asInt()).isZero();
    }

    @Test
    void anAdjustmentTaxWithoutAccountFailsNamingTheKey() {
        mapping.getTaxAccounts().remove("shipping_refund tax");

        assertThatThrownBy(() -> mapper.map(OrderFixtures.refund("return-with-shipping"),
                invoiceOf("taxes-excluded-discount-code"), false))
                .isInstanceOf(MappingException.class).hasMessageContaining("erpnext.tax-accounts.\"shipping_refund tax\"");
    }

    private ObjectNode invoiceOf(String fixture) {
        ShopifyOrder order = OrderFixtures.order(fixture);
        ObjectNode salesOrder = OrderFixtures.saved(new SalesOrderMapper(mapping).map(order, "Jane Doe"), "SO-00001");
        return OrderFixtures.saved(new SalesInvoiceMapper().fromSalesOrder(salesOrder,
                OffsetDateTime.parse("2026-11-30T12:00:00Z")), "SINV-00001");
    }
}
