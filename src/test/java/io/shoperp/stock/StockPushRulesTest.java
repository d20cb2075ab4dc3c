package io.shoperp.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

/** The figures the push writes and the keys it writes them under. */
class StockPushRulesTest {

    private static final InventoryLevel LEVEL = new InventoryLevel(44_000_000_001L, 66_000_000_001L);
    private static final Instant SEEN = Instant.parse("2026-11-29T05:00:00Z");

    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final StockTarget.Baseline WROTE_TEN = StockTarget.Baseline.at(10, SEEN);

    @Test
    void firstPushOffersWhatErpNextHasLessWhatWaitsInTheInbox() {
        assertThat(target(10, 0, null, 3, 0, SEEN)).isEqualTo(10);
        assertThat(target(10, 2, null, 3, 0, SEEN)).isEqualTo(8);
    }

    @Test
    void aSaleWhoseOrderHasNotArrivedIsHeldBackUntilItArrives() {
        // We wrote 10, Shopify sold 3 (now 7), no order yet; ERPNext still says 10, then rises to 15.
        assertThat(target(10, 0, WROTE_TEN, 7, 0, SEEN.plusSeconds(5))).isEqualTo(7);
        assertThat(target(15, 0, WROTE_TEN, 7, 0, SEEN.plusSeconds(5))).isEqualTo(12);
    }

    @Test
    void aSaleErpNextRecordedIsSubtractedOnce() {
        // The order arrived and its Sales Order reserved 3: ERPNext says 7, Shopify 7.
        assertThat(target(7, 0, WROTE_TEN, 7, 3, SEEN.plusSeconds(5))).isEqualTo(7);
        // Arrived but not applied yet: ERPNext still says 10, the inbox holds 3.
        assertThat(target(10, 3, WROTE_TEN, 7, 3, SEEN.plusSeconds(5))).isEqualTo(7);
    }

    @Test
    void aDropNoOrderExplainsIsTakenForTheMerchantsAfterTheGraceAndRestored() {
        StockTarget first = StockTarget.of(10, 0, WROTE_TEN, 6, SEEN.plusSeconds(5), 0, SEEN.plusSeconds(5), GRACE);
        assertThat(first.target()).isEqualTo(6);
        assertThat(first.next().unexplainedSince()).contains(SEEN.plusSeconds(5));

        StockTarget later = StockTarget.of(10, 0, first.next(), 6, SEEN.plusSeconds(700), 0, SEEN.plusSeconds(700), GRACE);
        assertThat(later.target()).isEqualTo(10);
        assertThat(later.next()).isEqualTo(StockTarget.Baseline.at(10, SEEN.plusSeconds(700)));
    }

    @Test
    void whatThePushWroteWhileHoldingBackIsNotTakenForASale() {
        // Held back 3 of ERPNext's 15 (Shopify 7 -> 12); nothing else happened.
        StockTarget held = StockTarget.of(15, 0, WROTE_TEN, 7, SEEN.plusSeconds(5), 0, SEEN.plusSeconds(5), GRACE);
        assertThat(held.target()).isEqualTo(12);

        assertThat(StockTarget.of(15, 0, held.next(), 12, SEEN.plusSeconds(9), 0, SEEN.plusSeconds(9), GRACE).target())
                .isEqualTo(12);
        // Its order arrives and is recorded: ERPNext says 12, the drop is explained, the hold ends.
        StockTarget explained = StockTarget.of(12, 0, held.next(), 12, SEEN.plusSeconds(20), 3, SEEN.plusSeconds(20),
                GRACE);
        assertThat(explained.target()).isEqualTo(12);
        assertThat(explained.next().unexplainedSince()).isEmpty();
    }

    @Test
    void aMerchantsRiseDoesNotHideASaleShopifyReported() {
        // Shopify reported a fall of 2 (a sale whose order is on its way), then a merchant raised the level to 13.
        StockTarget.Baseline sold = new StockTarget.Baseline(10, SEEN, 0, 2, Optional.empty());

        assertThat(target(10, 0, sold, 13, 0, SEEN.plusSeconds(5))).isEqualTo(8);
        assertThat(target(10, 0, sold, 13, 2, SEEN.plusSeconds(5))).as("its order arrived").isEqualTo(10);
    }

    @Test
    void neverBelowZeroAndARiseInShopifyIsUndoneBecauseErpNextOwnsStock() {
        assertThat(target(2, 0, WROTE_TEN, 4, 0, SEEN.plusSeconds(5))).isZero();
        assertThat(target(10, 0, WROTE_TEN, 50, 0, SEEN.plusSeconds(5))).isEqualTo(10);
    }

    @Test
    void aChangeInTheSameSecondAsOurLookIsAfterIt() {
        Instant lookedAt = Instant.parse("2026-11-29T05:00:00.300Z");
        StockPushStore.PushState state = new StockPushStore.PushState(14, 14, lookedAt,
                Optional.of(Instant.parse("2026-11-29T05:00:00Z")), Optional.of(lookedAt), WROTE_TEN);
        StockPushStore.PushState before = new StockPushStore.PushState(14, 14, lookedAt,
                Optional.of(Instant.parse("2026-11-29T04:59:59Z")), Optional.of(lookedAt), WROTE_TEN);

        assertThat(state.shopifyChangedSince()).isTrue();
        assertThat(before.shopifyChangedSince()).isFalse();
    }

    private static int target(int erpnext, int pending, StockTarget.Baseline baseline, int shopify, int arrived,
            Instant now) {
        return StockTarget.of(erpnext, pending, baseline, shopify, now, arrived, now, GRACE).target();
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
