package io.shoperp.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.shoperp.price.PriceTestShop.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * authority.price=erpnext (the default), through the whole application: the Item Price of erpnext.price-list reaches
 * the Shopify variant once, its products/update echo writes nothing back, and a price set in Shopify is counted and
 * set back by the next push. The scheduled push is triggered directly.
 */
class PricePushH2Test {

    private static PriceTestShop shop;

    @BeforeAll
    static void start() {
        shop = new PriceTestShop("price-push", Map.of());
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void anErpNextPriceChangeReachesShopifyOnceAndItsEchoIsIgnored() {
        Variant variant = shop.mappedVariant("19.99", "19.99");
        shop.push();
        assertThat(shop.shopify.priceWrites(variant.variantId())).as("equal prices are not written").isZero();

        shop.erpnextUserSetsPrice(variant, "24.50");
        shop.push();

        assertThat(shop.shopifyPrice(variant)).isEqualByComparingTo("24.50");
        assertThat(shop.shopify.priceWrites(variant.variantId())).isEqualTo(1);
        shop.awaitEvents(variant, 1);
        assertThat(shop.outcomes(variant)).singleElement().asString()
                .startsWith("DONE Items:").contains("prices: 1 echo of our price push (wrote 24.50");
        int itemPriceWrites = shop.env.sandbox().requestCount("PUT", "Item Price");

        shop.push();

        assertThat(shop.shopify.priceWrites(variant.variantId())).isEqualTo(1);
        assertThat(shop.erpnextPrice(variant)).isEqualByComparingTo("24.50");
        assertThat(shop.env.sandbox().requestCount("PUT", "Item Price")).isEqualTo(itemPriceWrites);
        shop.awaitEvents(variant, 1);
    }

    @Test
    void aPriceSetInShopifyIsCountedAsRejectedAndTheNextPushSetsErpNextsPriceBack() {
        Variant variant = shop.mappedVariant("30.00", "25.00");
        shop.push();
        shop.awaitEvents(variant, 1);
        double rejectedBefore = shop.rejected();

        shop.shopify.merchantSetsPrice(variant.variantId(), "27.00");

        shop.awaitEvents(variant, 2);
        assertThat(shop.outcomes(variant).get(1)).contains("1 changed in Shopify: not authoritative: ERPNext owns price");
        assertThat(shop.rejected()).isEqualTo(rejectedBefore + 1);
        assertThat(shop.erpnextPrice(variant)).isEqualByComparingTo("30.00");

        shop.push();

        assertThat(shop.shopifyPrice(variant)).isEqualByComparingTo("30.00");
        assertThat(shop.shopify.priceWrites(variant.variantId())).isEqualTo(2);
        shop.awaitEvents(variant, 3);
        assertThat(shop.outcomes(variant).get(2)).contains("echo of our price push");
        shop.push();
        assertThat(shop.shopify.priceWrites(variant.variantId())).isEqualTo(2);
        assertThat(shop.rejected()).isEqualTo(rejectedBefore + 1);
        assertThat(shop.erpnextPrice(variant)).isEqualByComparingTo("30.00");
    }

    @Test
    void erpnextsItemPriceWebhookMakesThePushComeSooner() throws Exception {
        Variant variant = shop.mappedVariant("5.00", "5.00");
        shop.push();
        shop.erpnextUserSetsPrice(variant, "6.00");

        assertThat(shop.postErpNextPriceWebhook(("{\"doctype\":\"Item Price\",\"item_code\":\""
                + variant.itemCode() + "\"}").getBytes(StandardCharsets.UTF_8))).isEqualTo(202);

        await().atMost(PriceTestShop.WAIT).untilAsserted(() ->
                assertThat(shop.shopifyPrice(variant)).isEqualByComparingTo("6.00"));
        assertThat(shop.shopify.priceWrites(variant.variantId())).isEqualTo(1);
        assertThat(shop.postErpNextPriceWebhook("{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(202);
    }
}
