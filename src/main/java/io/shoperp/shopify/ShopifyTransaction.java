package io.shoperp.shopify;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Set;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A payment transaction: one of an order's (order_transactions/create, the Admin API's orders/&lt;id&gt;/transactions)
 * or the refund transactions a Refund carries. Amount is in the shop currency; {@code authorization} is the gateway's
 * code for it (may be null).
 */
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
        OffsetDateTime processedAt,
        String authorization) {

    /** The kinds that move the buyer's money to the shop; an authorization only holds it, a void releases it. */
    private static final Set<String> CAPTURING_KINDS = Set.of("sale", "capture");

    public ShopifyTransaction {
        ShopifyOrderPayloads.require(id, "transaction.id");
        ShopifyOrderPayloads.require(amount, "transaction.amount");
    }

    public boolean isSuccessfulRefund() {
        return "refund".equals(kind) && "success".equals(status);
    }

    /** Money the shop received: a successful sale or capture (pending, failed, authorizations and voids are not). */
    public boolean isCapturedPayment() {
        return CAPTURING_KINDS.contains(kind) && "success".equals(status);
    }
}
