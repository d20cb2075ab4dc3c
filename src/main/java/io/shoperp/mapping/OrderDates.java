package io.shoperp.mapping;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** ERPNext dates ("YYYY-MM-DD") of Shopify timestamps, taken in UTC so every instance agrees on the day. */
public final class OrderDates {

    private OrderDates() {
    }

    public static String utcDate(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString();
    }
}
