package io.shoperp.price;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import io.shoperp.price.PriceState.Report;
import org.junit.jupiter.api.Test;

class PriceStateTest {

    private static final Instant WRITTEN = Instant.parse("2026-12-03T10:00:05.700Z");

    private static PriceState afterWrite(String price) {
        return new PriceState("ITEM", Optional.of(new BigDecimal(price)), new BigDecimal(price), WRITTEN,
                Optional.of(new BigDecimal(price)), Optional.of(WRITTEN), Optional.empty());
    }

    private static PriceState afterRead(String price) {
        return new PriceState("ITEM", Optional.of(new BigDecimal(price)), new BigDecimal(price), WRITTEN,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void theWrittenPriceReportedInTheSecondOfTheWriteOrLaterIsItsEcho() {
        // Shopify's updated_at has whole seconds: 10:00:05 is the write's own second.
        assertThat(afterWrite("24.50").judge(new BigDecimal("24.5"), Instant.parse("2026-12-03T10:00:05Z")))
                .isEqualTo(Report.ECHO);
        assertThat(afterWrite("24.50").judge(new BigDecimal("24.50"), Instant.parse("2026-12-03T10:01:00Z")))
                .isEqualTo(Report.ECHO);
    }

    @Test
    void aKnownPriceThatWasReadNotWrittenIsUnchanged() {
        assertThat(afterRead("24.50").judge(new BigDecimal("24.50"), Instant.parse("2026-12-03T10:01:00Z")))
                .isEqualTo(Report.UNCHANGED);
    }

    @Test
    void aDifferentPriceIsAChangeUnlessItIsOlderThanWhatWasLastSeen() {
        assertThat(afterWrite("24.50").judge(new BigDecimal("27.00"), Instant.parse("2026-12-03T10:00:05Z")))
                .isEqualTo(Report.CHANGED);
        assertThat(afterWrite("24.50").judge(new BigDecimal("19.99"), Instant.parse("2026-12-03T10:00:04Z")))
                .isEqualTo(Report.OLD_NEWS);
    }

    @Test
    void pricesCompareAtMoneyPrecision() {
        assertThat(PriceState.samePrice(new BigDecimal("20"), new BigDecimal("20.000000"))).isTrue();
        assertThat(PriceState.samePrice(new BigDecimal("19.999"), new BigDecimal("20.00"))).isTrue();
        assertThat(PriceState.samePrice(new BigDecimal("19.99"), new BigDecimal("20.00"))).isFalse();
        assertThat(PriceState.money(new BigDecimal("7.5"))).hasToString("7.50");
    }

    @Test
    void anItemPriceDiffersFromTheSyncedOneOrWasNeverSynced() {
        assertThat(afterRead("24.50").erpnextChanged(new BigDecimal("24.500000"))).isFalse();
        assertThat(afterRead("24.50").erpnextChanged(new BigDecimal("25.00"))).isTrue();
        assertThat(new PriceState("ITEM", Optional.empty(), BigDecimal.TEN, WRITTEN, Optional.empty(),
                Optional.empty(), Optional.empty()).erpnextChanged(BigDecimal.TEN)).isTrue();
    }
}
