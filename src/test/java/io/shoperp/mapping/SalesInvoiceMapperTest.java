package io.shoperp.mapping;

import static io.shoperp.mapping.SalesOrderMapperTest.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.support.OrderFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SalesInvoiceMapperTest {

    private final SalesOrderMapper salesOrders = new SalesOrderMapper(OrderFixtures.mapping());
    private final SalesInvoiceMapper mapper = new SalesInvoiceMapper(OrderFixtures.mapping());

    @ParameterizedTest
    @ValueSource(strings = {"taxes-excluded-discount-code", "taxes-included-guest"})
    void invoiceBillsEverySalesOrderRowAndCarriesItsChargesSoItTotalsTheOrder(String fixture) {
        ShopifyOrder order = OrderFixtures.order(fixture);
        ObjectNode salesOrder = OrderFixtures.saved(salesOrders.map(order, "Jane Doe"), "SO-00007");

        ObjectNode invoice = mapper.fromSalesOrder(salesOrder, OffsetDateTime.parse("2026-11-30T23:10:00-08:00"));

        assertThat(ErpNextTotals.grandTotal(invoice)).isEqualByComparingTo(order.totalPrice());
        assertThat(invoice.get("shopify_invoice_key").asText()).isEqualTo(order.id().toString());
        assertThat(invoice.get("customer").asText()).isEqualTo(salesOrder.get("customer").asText());
        assertThat(invoice.get("currency").asText()).isEqualTo(order.currency());
        assertThat(invoice.get(SalesOrderMapper.ORDER_NAME_FIELD).asText()).isEqualTo(order.name());
        assertThat(invoice.get("posting_date").asText()).isEqualTo("2026-12-01");
        assertThat(invoice.get("due_date").asText()).isEqualTo("2026-12-01");
        assertThat(invoice.get("update_stock").asInt()).isZero();
        assertThat(invoice.get("docstatus").asInt()).isEqualTo(1);
        assertThat(rows(invoice, "items")).hasSameSizeAs(rows(salesOrder, "items"));
        for (int i = 0; i < rows(invoice, "items").size(); i++) {
            var invoiceRow = rows(invoice, "items").get(i);
            var orderRow = rows(salesOrder, "items").get(i);
            assertThat(invoiceRow.get("sales_order").asText()).isEqualTo("SO-00007");
            assertThat(invoiceRow.get("so_detail").asText()).isEqualTo(orderRow.get("name").asText());
            assertThat(invoiceRow.get("qty").decimalValue()).isEqualByComparingTo(orderRow.get("qty").decimalValue());
            assertThat(invoiceRow.get("rate").decimalValue()).isEqualByComparingTo(orderRow.get("rate").decimalValue());
            assertThat(invoiceRow.get(SalesOrderMapper.LINE_ITEM_FIELD)).isEqualTo(orderRow.get(SalesOrderMapper.LINE_ITEM_FIELD));
        }
        assertThat(SalesOrderMapperTest.taxSummary(invoice)).isEqualTo(SalesOrderMapperTest.taxSummary(salesOrder));
    }

    @Test
    void theInvoiceOfAnAmendedSalesOrderIsKeyedByTheOrderIdSoTheOrdersLaterEventsFindIt() {
        ShopifyOrder order = OrderFixtures.order("taxes-excluded-discount-code");
        ObjectNode amendment = OrderFixtures.saved(salesOrders.map(order, "Jane Doe")
                .put("shopify_order_id", OrderDocuments.amendmentKey(order.id(), "SO-00007")), "SO-00007-1");

        ObjectNode invoice = mapper.fromSalesOrder(amendment, OffsetDateTime.parse("2026-11-30T23:10:00-08:00"));

        assertThat(invoice.get("shopify_invoice_key").asText()).isEqualTo(order.id().toString());
        assertThat(rows(invoice, "items")).allSatisfy(row -> assertThat(row.get("sales_order").asText())
                .isEqualTo("SO-00007-1"));
    }
}
