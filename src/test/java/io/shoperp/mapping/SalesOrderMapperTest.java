package io.shoperp.mapping;

import static io.shoperp.support.OrderFixtures.DUTIES;
import static io.shoperp.support.OrderFixtures.FREIGHT;
import static io.shoperp.support.OrderFixtures.SALES_TAX;
import static io.shoperp.support.OrderFixtures.STORES;
import static io.shoperp.support.OrderFixtures.TIPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.shopify.ShopifyOrderPayloads;
import io.shoperp.support.OrderFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SalesOrderMapperTest {

    private final ErpNextMappingProperties mapping = OrderFixtures.mapping();
    private final SalesOrderMapper mapper = new SalesOrderMapper(mapping);

    @ParameterizedTest
    @ValueSource(strings = {"taxes-excluded-discount-code", "taxes-included-guest"})
    void grandTotalAsErpNextComputesItEqualsShopifyTotalPrice(String fixture) {
        ShopifyOrder order = OrderFixtures.order(fixture);

        ObjectNode salesOrder = mapper.map(order, "Jane Doe");

        assertThat(ErpNextTotals.grandTotal(salesOrder)).isEqualByComparingTo(order.totalPrice());
        rows(salesOrder, "items").forEach(row -> assertThat(row.get("rate").decimalValue().scale()).isLessThanOrEqualTo(2));
    }

    @Test
    void taxesExcludedOrderHasNetRatesAfterTheDiscountCodeOneTaxRowPerTitleAndShipping() {
        ObjectNode salesOrder = mapper.map(OrderFixtures.order("taxes-excluded-discount-code"), "Jane Doe");

        assertThat(salesOrder.get("customer").asText()).isEqualTo("Jane Doe");
        assertThat(salesOrder.get("company").asText()).isEqualTo("Shop Co");
        assertThat(salesOrder.get("currency").asText()).isEqualTo("USD");
        assertThat(salesOrder.get("selling_price_list").asText()).isEqualTo("Standard Selling");
        assertThat(salesOrder.get("shopify_order_id").asText()).isEqualTo("9007199254740993");
        assertThat(salesOrder.get(SalesOrderMapper.ORDER_NAME_FIELD).asText()).isEqualTo("#1001");
        assertThat(salesOrder.get("docstatus").asInt()).isEqualTo(1);
        assertThat(salesOrder.get("disable_rounded_total").asInt()).isEqualTo(1);
        // 21:30 at UTC-5 is the next day in UTC
        assertThat(salesOrder.get("transaction_date").asText()).isEqualTo("2026-11-29");
        assertThat(salesOrder.get("delivery_date").asText()).isEqualTo("2026-11-29");

        // 3 x 19.99 - 5.45 = 54.52 does not divide by 3: one unit at 18.18, two at 18.17
        assertThat(itemSummary(salesOrder)).containsExactly(
                "TSHIRT-RED-M 1 x 18.18 line 9007199254740995",
                "TSHIRT-RED-M 2 x 18.17 line 9007199254740995",
                "TSHIRT-BLUE-L 1 x 22.73 line 9007199254740997",
                "SHOPIFY-VARIANT-44012345678903 2 x 11.36 line 9007199254740999");
        rows(salesOrder, "items").forEach(row -> {
            assertThat(row.get("warehouse").asText()).isEqualTo(STORES);
            assertThat(row.get("delivery_date").asText()).isEqualTo("2026-11-29");
        });
        assertThat(taxSummary(salesOrder)).containsExactly(
                "Actual " + SALES_TAX + " State Tax 6.47",
                "Actual " + SALES_TAX + " County Tax 1.62",
                "Actual " + FREIGHT + " Shipping: Standard 8.00");
    }

    @Test
    void taxesIncludedGuestOrderTakesTaxOutOfLinesAndShippingAndUsesTheGuestCustomer() {
        ObjectNode salesOrder = mapper.map(OrderFixtures.order("taxes-included-guest"), (String) null);

        assertThat(salesOrder.get("customer").asText()).isEqualTo(OrderFixtures.GUEST);
        assertThat(salesOrder.get("currency").asText()).isEqualTo("USD");
        assertThat(salesOrder.get("transaction_date").asText()).isEqualTo("2026-11-28");
        // 2 x 49.90 - 10.00 - 14.34 tax = 75.46; 3 x 9.99 - 1.96 tax = 28.01 = 2 x 9.34 + 1 x 9.33
        assertThat(itemSummary(salesOrder)).containsExactly(
                "JACKE-BLAU-L 2 x 37.73 line 14123456789001",
                "BUCH-KOCHEN 2 x 9.34 line 14123456789002",
                "BUCH-KOCHEN 1 x 9.33 line 14123456789002",
                "SHOPIFY-LINE-14123456789003 1 x 2.10 line 14123456789003");
        // shipping 5.90 - 1.00 discount - 0.78 tax
        assertThat(taxSummary(salesOrder)).containsExactly(
                "Actual " + SALES_TAX + " MwSt. 19 % 15.52",
                "Actual " + SALES_TAX + " Ermäßigte MwSt. 7 % 1.96",
                "Actual " + FREIGHT + " Shipping: DHL Paket 4.12");
    }

    @Test
    void aTaxTitleWithoutAccountFailsNamingTheMissingKey() {
        mapping.getTaxAccounts().remove("County Tax");
        mapping.setDefaultTaxAccount(null);

        assertThatThrownBy(() -> mapper.map(OrderFixtures.order("taxes-excluded-discount-code"), "Jane Doe"))
                .isInstanceOf(UnprocessableEventException.class)
                .hasMessageContaining("erpnext.tax-accounts.\"County Tax\"");
    }

    @Test
    void aTaxTitleWithoutOwnAccountUsesTheDefaultTaxAccount() {
        mapping.getTaxAccounts().remove("County Tax");
        mapping.setDefaultTaxAccount("County Tax Payable - SC");

        ObjectNode salesOrder = mapper.map(OrderFixtures.order("taxes-excluded-discount-code"), "Jane Doe");

        assertThat(taxSummary(salesOrder)).contains("Actual County Tax Payable - SC County Tax 1.62");
    }

    @Test
    void guestCheckoutWithoutConfiguredGuestCustomerFailsNamingTheKey() {
        mapping.setGuestCustomer(null);

        assertThatThrownBy(() -> mapper.map(OrderFixtures.order("taxes-included-guest"), (String) null))
                .isInstanceOf(UnprocessableEventException.class)
                .hasMessageContaining("erpnext.guest-customer");
    }

    @Test
    void anOrderWhoseComponentsDoNotAddUpToTotalPriceIsRefusedWithTheDifference() {
        // Something in total_price that is in none of lines, taxes, shipping, tip or duties.
        ShopifyOrder order = OrderFixtures.orderWith("taxes-excluded-discount-code", json -> json.put("total_price", "121.06"));

        assertThatThrownBy(() -> mapper.map(order, "Jane Doe"))
                .isInstanceOf(UnprocessableEventException.class)
                .hasMessageContaining("116.06").hasMessageContaining("121.06").hasMessageContaining("5.00");
    }

    @Test
    void aTipAndImportDutiesAreChargesOnTheirAccountsAndTheTotalStillMatches() {
        ShopifyOrder order = OrderFixtures.orderWith("taxes-excluded-discount-code", json -> {
            json.put("total_price", "133.56").put("total_tip_received", "5.00");
            json.putObject("original_total_duties_set").putObject("shop_money").put("amount", "12.50")
                    .put("currency_code", "USD");
        });

        ObjectNode salesOrder = mapper.map(order, "Jane Doe");

        assertThat(taxSummary(salesOrder)).containsExactly(
                "Actual " + SALES_TAX + " State Tax 6.47",
                "Actual " + SALES_TAX + " County Tax 1.62",
                "Actual " + FREIGHT + " Shipping: Standard 8.00",
                "Actual " + TIPS + " Tip 5.00",
                "Actual " + DUTIES + " Duties 12.50");
        assertThat(ErpNextTotals.grandTotal(salesOrder)).isEqualByComparingTo("133.56");
    }

    @Test
    void aTipWithoutTipAccountFailsNamingTheKey() {
        mapping.setTipAccount(null);
        ShopifyOrder order = OrderFixtures.orderWith("taxes-excluded-discount-code", json -> json.put("total_price", "121.06").put("total_tip_received", "5.00"));

        assertThatThrownBy(() -> mapper.map(order, "Jane Doe"))
                .isInstanceOf(UnprocessableEventException.class)
                .hasMessageContaining("erpnext.tip-account");
    }

    @Test
    void twoHundredFiftyLinesWithAwkwardDiscountsStillTotalToTheCent() {
        ShopifyOrder order = ShopifyOrderPayloads.order(largeOrderJson(250).getBytes(StandardCharsets.UTF_8));
        assertThat(order.lineItems()).hasSize(250);

        ObjectNode salesOrder = mapper.map(order, "Jane Doe");

        assertThat(ErpNextTotals.grandTotal(salesOrder)).isEqualByComparingTo(order.totalPrice());
        assertThat(rows(salesOrder, "items").stream().mapToInt(row -> row.get("qty").asInt()).sum())
                .isEqualTo(order.lineItems().stream().mapToInt(ShopifyOrder.LineItem::quantity).sum());
        assertThat(rows(salesOrder, "items").stream().map(row -> row.get(SalesOrderMapper.LINE_ITEM_FIELD).asText())
                .distinct()).hasSize(250);
    }

    /**
     * A taxes-excluded order built the way Shopify totals it: per line price x qty minus a discount that rarely
     * divides by the quantity, 8.25 % tax per line rounded half-up, free shipping.
     */
    private static String largeOrderJson(int lines) {
        StringBuilder lineItems = new StringBuilder();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 1; i <= lines; i++) {
            int quantity = 1 + i % 7;
            BigDecimal price = new BigDecimal(i % 50 + ".99");
            BigDecimal discount = new BigDecimal("0." + String.format("%02d", i % 100));
            BigDecimal net = price.multiply(BigDecimal.valueOf(quantity)).subtract(discount);
            BigDecimal tax = net.multiply(new BigDecimal("0.0825")).setScale(2, RoundingMode.HALF_UP);
            total = total.add(net).add(tax);
            lineItems.append(i == 1 ? "" : ",").append("""
                    {"id": %d, "variant_id": %d, "sku": "SKU-%d", "title": "Item %d", "quantity": %d, "price": "%s",
                     "requires_shipping": true,
                     "tax_lines": [{"title": "State Tax", "rate": 0.0825, "price": "%s"}],
                     "discount_allocations": [{"amount": "%s"}]}
                    """.formatted(9_000_000_000_000_000L + i, 8_000_000_000_000_000L + i, i, i, quantity, price, tax,
                    discount));
        }
        return """
                {"id": 9123456789012345678, "name": "#9999", "created_at": "2026-11-29T05:00:00Z", "currency": "USD",
                 "taxes_included": false, "total_price": "%s", "customer": {"id": 1},
                 "line_items": [%s],
                 "shipping_lines": [{"id": 1, "title": "Free", "price": "0.00", "tax_lines": []}]}
                """.formatted(total.toPlainString(), lineItems);
    }

    static List<JsonNode> rows(ObjectNode document, String table) {
        return StreamSupport.stream(document.path(table).spliterator(), false).toList();
    }

    private static List<String> itemSummary(ObjectNode document) {
        return rows(document, "items").stream().map(row -> row.get("item_code").asText() + " " + row.get("qty").asText()
                + " x " + row.get("rate").decimalValue().toPlainString() + " line "
                + row.get(SalesOrderMapper.LINE_ITEM_FIELD).asText()).toList();
    }

    static List<String> taxSummary(ObjectNode document) {
        return rows(document, "taxes").stream().map(row -> row.get("charge_type").asText() + " "
                + row.get("account_head").asText() + " " + row.get("description").asText() + " "
                + row.get("tax_amount").decimalValue().toPlainString()).toList();
    }
}
