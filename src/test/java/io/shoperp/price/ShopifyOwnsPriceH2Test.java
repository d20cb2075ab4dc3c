package io.shoperp.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.sandbox.SandboxSettings;
import io.shoperp.price.PriceTestShop.Variant;
import io.shoperp.support.TestOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * authority.price=shopify, through the whole application on a site set up by ERPNext's wizard (Item Prices filled
 * from order rates): a Shopify variant price lands in the Item Price of erpnext.price-list once, an Item Price changed
 * in ERPNext is counted and set back by the push, nothing is ever written to Shopify, and an Item Price the sync wrote
 * does not re-price a fully discounted order line.
 */
class ShopifyOwnsPriceH2Test {

    private static PriceTestShop shop;

    @BeforeAll
    static void start() {
        shop = new PriceTestShop("shopify-owns-price", Map.of("authority.price", "shopify"));
        shop.env.sandbox().useSettings(SandboxSettings.Preset.SETUP_WIZARD);
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void aShopifyPriceLandsInTheItemPriceOnceAndNothingLoopsBack() {
        Variant variant = shop.shopifyVariant("12.00");

        shop.deliverProductUpdate(variant);

        shop.awaitEvents(variant, 1);
        assertThat(shop.outcomes(variant).get(0)).startsWith("DONE Items: created 1")
                .contains("prices: Item Prices written 1");
        assertThat(shop.erpnextPrice(variant)).isEqualByComparingTo("12.00");

        shop.shopify.merchantSetsPrice(variant.variantId(), "14.00");

        shop.awaitEvents(variant, 2);
        assertThat(shop.erpnextPrice(variant)).isEqualByComparingTo("14.00");
        int itemPriceWrites = shop.env.sandbox().requestCount("PUT", "Item Price")
                + shop.env.sandbox().requestCount("POST", "Item Price");

        shop.push();
        shop.deliverProductUpdate(variant);
        shop.awaitEvents(variant, 3);

        assertThat(shop.outcomes(variant).get(2)).contains("Item Prices written 0, unchanged 1");
        assertThat(shop.env.sandbox().requestCount("PUT", "Item Price")
                + shop.env.sandbox().requestCount("POST", "Item Price")).isEqualTo(itemPriceWrites);
        assertThat(shop.itemPrices(variant)).hasSize(1);
        assertThat(shop.shopify.priceWrites(variant.variantId())).isZero();
        assertThat(shop.shopifyPrice(variant)).isEqualByComparingTo("14.00");
    }

    @Test
    void anItemPriceChangedInErpNextIsCountedAndSetBackToShopifysPrice() {
        Variant variant = shop.shopifyVariant("40.00");
        shop.deliverProductUpdate(variant);
        shop.awaitEvents(variant, 1);
        double rejectedBefore = shop.rejected();

        shop.erpnextUserSetsPrice(variant, "35.00");
        shop.push();

        assertThat(shop.rejected()).isEqualTo(rejectedBefore + 1);
        assertThat(shop.erpnextPrice(variant)).isEqualByComparingTo("40.00");
        assertThat(shop.shopifyPrice(variant)).isEqualByComparingTo("40.00");

        shop.push();

        assertThat(shop.rejected()).isEqualTo(rejectedBefore + 1);
        assertThat(shop.erpnextPrice(variant)).isEqualByComparingTo("40.00");
        assertThat(shop.shopify.priceWrites(variant.variantId())).isZero();
    }

    /**
     * taxes_and_totals.py calculate_item_values prices a rate-0 row from the Item Price of the order's price list:
     * the row of a 100 % discounted line must stay at 0 now that the sync keeps a price for its item there.
     */
    @Test
    void anItemPriceTheSyncWroteDoesNotRepriceAFullyDiscountedLine() {
        Variant variant = shop.shopifyVariant("25.00");
        shop.deliverProductUpdate(variant);
        shop.awaitEvents(variant, 1);
        assertThat(shop.erpnextPrice(variant)).isEqualByComparingTo("25.00");
        long orderId = variant.variantId() * 10;
        ObjectNode order = TestOrder.guest(orderId, "#" + orderId, Instant.now())
                .line(orderId + 1, variant.itemCode(), 1, "25.00", "25.00")
                .line(orderId + 2, variant.itemCode(), 2, "25.00", "0.00")
                .json();

        String webhookId = shop.env.deliver("orders/create", order.toString());

        await().atMost(PriceTestShop.WAIT).until(() -> List.of("DONE", "IGNORED", "DEAD")
                .contains(shop.env.status(webhookId)));
        assertThat(shop.env.status(webhookId)).as(shop.env.statusReason(webhookId)).isEqualTo("DONE");
        JsonNode salesOrder = shop.env.sandbox().documents("Sales Order").stream()
                .filter(doc -> doc.path("shopify_order_id").asText().equals(Long.toString(orderId)))
                .findFirst().orElseThrow();
        assertThat(salesOrder.path("grand_total").decimalValue())
                .isEqualByComparingTo(new BigDecimal(order.path("total_price").asText()))
                .isEqualByComparingTo("50.00");
        assertThat(shop.erpnextPrice(variant)).isEqualByComparingTo("25.00");
    }
}
