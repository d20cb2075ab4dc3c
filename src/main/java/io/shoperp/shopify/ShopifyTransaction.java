package io.shoperp.shopify;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A payment transaction (here: the refund transactions a Refund carries). Amount is in the shop currency. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShopifyTransaction(
        Long id,
        Long orderId,
        Long parentId,
        String kind,
        String gateway,
        String status,
        BigDecimal amount,
        String currency,
        OffsetDateTime processedAt) {

    public ShopifyTransaction {
        ShopifyOrderPayloads.require(id, "transaction.id");
        ShopifyOrderPayloads.require(amount, "transaction.amount");
    }

    public boolean isSuccessfulRefund() {
        return "refund".equals(kind) && "success".equals(status);
    }
}
