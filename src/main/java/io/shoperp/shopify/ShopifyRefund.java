package io.shoperp.shopify;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The {@code refunds/create} body: a Refund without its order (only {@code order_id}). Lists are never null. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShopifyRefund(
        Long id,
        Long orderId,
        OffsetDateTime createdAt,
        OffsetDateTime processedAt,
        String note,
        List<RefundLineItem> refundLineItems,
        List<ShopifyTransaction> transactions,
        List<OrderAdjustment> orderAdjustments) {

    public ShopifyRefund {
        ShopifyOrderPayloads.require(id, "refund.id");
        ShopifyOrderPayloads.require(orderId, "refund.order_id");
        ShopifyOrderPayloads.require(createdAt, "refund.created_at");
        refundLineItems = ShopifyOrderPayloads.nonNull(refundLineItems);
        transactions = ShopifyOrderPayloads.nonNull(transactions);
        orderAdjustments = ShopifyOrderPayloads.nonNull(orderAdjustments);
    }

    /** When the money moved: processed_at, else created_at. */
    public OffsetDateTime effectiveAt() {
        return processedAt != null ? processedAt : createdAt;
    }

    /** The refund transactions that actually paid money back (kind refund, status success). */
    public List<ShopifyTransaction> successfulRefundTransactions() {
        return transactions.stream().filter(ShopifyTransaction::isSuccessfulRefund).toList();
    }

    /**
     * {@code subtotal} and {@code total_tax} cover the refunded quantity; {@code subtotal} is what the customer paid for
     * it after discounts, so it includes tax when the order's prices include tax.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RefundLineItem(
            Long id,
            Long lineItemId,
            Integer quantity,
            Long locationId,
            String restockType,
            BigDecimal subtotal,
            BigDecimal totalTax,
            ShopifyOrder.LineItem lineItem) {

        public RefundLineItem {
            ShopifyOrderPayloads.require(lineItemId, "refund_line_item.line_item_id");
            ShopifyOrderPayloads.require(quantity, "refund_line_item.quantity");
            ShopifyOrderPayloads.require(subtotal, "refund_line_item.subtotal");
            ShopifyOrderPayloads.require(lineItem, "refund_line_item.line_item");
            totalTax = totalTax == null ? BigDecimal.ZERO : totalTax;
        }

        /**
         * Whether delivered goods came back into stock: {@code return}, and {@code legacy_restock} (older refunds that
         * did not say). {@code cancel} restocks what was never fulfilled: nothing had left.
         */
        public boolean cameBack() {
            return "return".equals(restockType) || "legacy_restock".equals(restockType);
        }
    }

    /**
     * A refund amount not tied to line items: {@code shipping_refund} or {@code refund_discrepancy}. Signed from the
     * order's point of view: money given back is negative.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OrderAdjustment(Long id, BigDecimal amount, BigDecimal taxAmount, String kind, String reason) {

        public OrderAdjustment {
            ShopifyOrderPayloads.require(amount, "order_adjustment.amount");
            taxAmount = taxAmount == null ? BigDecimal.ZERO : taxAmount;
        }
    }
}
