package io.shoperp.mapping;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * ERPNext dates ("YYYY-MM-DD") and posting times ("HH:MM:SS") of Shopify timestamps, taken in UTC so every instance
 * agrees on them. Posting times are always sent: ERPNext fills a missing one with its server's local time of day,
 * which can put a return before the document it returns (sales_and_purchase_return.py validate_return_against).
 */
public final class OrderDates {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private OrderDates() {
    }

    public static String utcDate(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** When a document is posted: ERPNext's posting_date and posting_time, to the second. */
    public record Posting(LocalDateTime at) {

        public static Posting of(OffsetDateTime time) {
            return new Posting(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS));
        }

        /** When an ERPNext document was posted (its posting_date and posting_time, midnight without a time). */
        public static Posting of(JsonNode document) {
            String time = document.path("posting_time").asText("00:00:00");
            return new Posting(LocalDateTime.parse(document.path("posting_date").asText() + "T"
                    + (time.length() == 7 ? "0" + time : time)));
        }

        /**
         * This posting, or the {@code original} document's when that is later: ERPNext refuses a return posted before
         * what it returns ("Posting timestamp must be after ...").
         */
        public Posting notBefore(JsonNode original) {
            if (original.path("posting_date").asText().isBlank()) {
                return this;
            }
            LocalDateTime originalAt = of(original).at();
            if (!originalAt.isAfter(at)) {
                return this;
            }
            LocalDateTime wholeSecond = originalAt.truncatedTo(ChronoUnit.SECONDS);
            return new Posting(wholeSecond.equals(originalAt) ? wholeSecond : wholeSecond.plusSeconds(1));
        }

        public String date() {
            return at.toLocalDate().toString();
        }

        public String time() {
            return TIME.format(at);
        }
    }
}
