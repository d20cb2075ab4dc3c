package io.shoperp.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

/** The figures the push writes and the keys it writes them under. */
class StockPushRulesTest {

    private static final InventoryLevel LEVEL = new InventoryLevel(44_000_000_001L, 66_000_000_001L);
    private static final Instant SEEN = Instant.parse("2026-11-29T05:00:00Z");

    @Test
    void firstPushOffersWhatErpNextHas() {
        assertThat(StockPush.safeTarget(10, null, 3)).isEqualTo(10);
    }

    @Test
    void saleShopifyMadeSinceOurLastFigureIsNotOfferedAgain() {
        // We wrote 10, Shopify sold 3 (now 7), ERPNext still says 10 then rises to 15: offer 7, then 12.
        assertThat(StockPush.safeTarget(10, 10, 7)).isEqualTo(7);
        assertThat(StockPush.safeTarget(15, 10, 7)).isEqualTo(12);
    }

    @Test
    void neverBelowZero() {
        assertThat(StockPush.safeTarget(2, 10, 4)).isZero();
    }

    @Test
    void riseMadeInShopifyIsUndoneBecauseErpNextOwnsStock() {
        assertThat(StockPush.safeTarget(10, 10, 50)).isEqualTo(10);
    }

    @Test
    void idempotencyKeyIsFixedByTheIntendedWriteAndValidForShopify() {
        String key = StockPush.idempotencyKey("shop.myshopify.com", LEVEL, 10, 7, SEEN);

        assertThat(key).isEqualTo(StockPush.idempotencyKey("shop.myshopify.com", LEVEL, 10, 7, SEEN))
                .matches("[A-Za-z0-9._:-]{1,255}");
        assertThat(key).isNotEqualTo(StockPush.idempotencyKey("shop.myshopify.com", LEVEL, 10, 7, SEEN.plusMillis(1)))
                .isNotEqualTo(StockPush.idempotencyKey("shop.myshopify.com", LEVEL, 11, 7, SEEN))
                .isNotEqualTo(StockPush.idempotencyKey("shop.myshopify.com", LEVEL, 10, 6, SEEN))
                .isNotEqualTo(StockPush.idempotencyKey("other.myshopify.com", LEVEL, 10, 7, SEEN));
    }

    @Test
    void erpNextAvailableIsActualMinusReservedInWholeUnitsNeverNegative() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        assertThat(ErpNextStock.available(nodes.numberNode(new BigDecimal("12.0")), nodes.numberNode(2))).isEqualTo(10);
        assertThat(ErpNextStock.available(nodes.numberNode(new BigDecimal("7.9")), nodes.numberNode(0))).isEqualTo(7);
        assertThat(ErpNextStock.available(nodes.numberNode(3), nodes.numberNode(new BigDecimal("5")))).isZero();
        assertThat(ErpNextStock.available(nodes.textNode("4"), nodes.missingNode())).isEqualTo(4);
    }
}
