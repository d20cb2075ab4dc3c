package io.shoperp.price;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.shoperp.mapping.Money;

/**
 * What the price sync knows of one Shopify variant ({@link PriceSyncStore}).
 *
 * @param itemCode         the ERPNext Item of the variant
 * @param erpnextPrice     the Item Price the sync last synced from or wrote; empty before the first sync
 * @param shopifyPrice     Shopify's price after the sync's last write or read, or Shopify's last report
 * @param shopifySeenAt    when {@code shopifyPrice} was Shopify's price
 * @param writtenPrice     the last price the push wrote to Shopify, if any
 * @param writtenAt        when it was written
 * @param shopifyChangedAt a change Shopify reported that was not ours, waiting for the next push
 */
public record PriceState(String itemCode, Optional<BigDecimal> erpnextPrice, BigDecimal shopifyPrice,
        Instant shopifySeenAt, Optional<BigDecimal> writtenPrice, Optional<Instant> writtenAt,
        Optional<Instant> shopifyChangedAt) {

    /** What a price Shopify reports for the variant (a products/update webhook) is to the sync. */
    public enum Report {
        /** The price the push last wrote, reported after the write: the write's own webhook. */
        ECHO,
        /** The price the sync already knows (another change of the product, or a repeated webhook). */
        UNCHANGED,
        /** A different price from before what the sync last saw: a late webhook, nothing to act on. */
        OLD_NEWS,
        /** A price set in Shopify by someone else. */
        CHANGED
    }

    /**
     * Shopify's {@code updated_at} has whole seconds, so a report in the same second as our write or read counts as
     * after it.
     */
    public Report judge(BigDecimal reported, Instant updatedAt) {
        if (samePrice(reported, shopifyPrice)) {
            boolean ourWrite = writtenPrice.filter(written -> samePrice(written, shopifyPrice)).isPresent()
                    && writtenAt.filter(at -> !updatedAt.isBefore(at.truncatedTo(ChronoUnit.SECONDS))).isPresent();
            return ourWrite ? Report.ECHO : Report.UNCHANGED;
        }
        return updatedAt.isBefore(shopifySeenAt.truncatedTo(ChronoUnit.SECONDS)) ? Report.OLD_NEWS : Report.CHANGED;
    }

    /** The Item Price is not the one the sync last synced: it changed in ERPNext (or was never synced). */
    public boolean erpnextChanged(BigDecimal itemPrice) {
        return erpnextPrice.filter(synced -> samePrice(synced, itemPrice)).isEmpty();
    }

    /**
     * Two prices are the same at money precision: ERPNext keeps rates with more decimals than Shopify's money strings,
     * and "20.0" and "20.00" are one price.
     */
    public static boolean samePrice(BigDecimal a, BigDecimal b) {
        return money(a).compareTo(money(b)) == 0;
    }

    /** A price as it is written to either side: at money precision. */
    public static BigDecimal money(BigDecimal price) {
        return price.setScale(Money.SCALE, RoundingMode.HALF_UP);
    }
}
