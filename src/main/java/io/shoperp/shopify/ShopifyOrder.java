package io.shoperp.shopify;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The Shopify REST Order as every {@code orders/*} webhook carries it, reduced to what ERPNext documents need.
 * Money fields are the shop-currency decimal strings (the {@code *_set} twins are ignored); ids are 64-bit.
 * Lists are never null. Read payloads with {@link ShopifyOrderPayloads}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShopifyOrder(
        Long id,
        String name,
        String email,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime processedAt,
        OffsetDateTime cancelledAt,
        String currency,
        BigDecimal totalPrice,
        boolean taxesIncluded,
        String financialStatus,
        Long locationId,
        Customer customer,
        List<LineItem> lineItems,
        List<ShippingLine> shippingLines,
        List<String> paymentGatewayNames,
        List<ShopifyFulfillment> fulfillments,
        BigDecimal totalTipReceived,
        MoneySet originalTotalDutiesSet,
        ShopifyAddress billingAddress,
        ShopifyAddress shippingAddress,
        /** The buyer's note to the merchant. */
        String note,
        /** The merchant's tags, comma-separated as Shopify writes them. */
        String tags) {

    public ShopifyOrder {
        ShopifyOrderPayloads.require(id, "order.id");
        ShopifyOrderPayloads.require(createdAt, "order.created_at");
        ShopifyOrderPayloads.require(currency, "order.currency");
        ShopifyOrderPayloads.require(totalPrice, "order.total_price");
        lineItems = ShopifyOrderPayloads.nonNull(lineItems);
        shippingLines = ShopifyOrderPayloads.nonNull(shippingLines);
        paymentGatewayNames = ShopifyOrderPayloads.nonNull(paymentGatewayNames);
        fulfillments = ShopifyOrderPayloads.nonNull(fulfillments);
    }

    /** The tip the customer added (part of total_price); zero without one. */
    public BigDecimal tip() {
        return totalTipReceived == null ? BigDecimal.ZERO : totalTipReceived;
    }

    /** The import duties charged at checkout (part of total_price), in the shop's currency; zero without any. */
    public BigDecimal duties() {
        return originalTotalDutiesSet == null || originalTotalDutiesSet.shopMoney() == null
                || originalTotalDutiesSet.shopMoney().amount() == null
                ? BigDecimal.ZERO : originalTotalDutiesSet.shopMoney().amount();
    }

    /** Shopify's financial states in which the order's money has been captured (refunds come as refunds). */
    public boolean isPaid() {
        return "paid".equals(financialStatus) || "partially_refunded".equals(financialStatus)
                || "refunded".equals(financialStatus);
    }

    /**
     * Whether Shopify captured any of the order's money: paid in full, or in part (a partial capture, a split payment
     * under way) - each captured transaction is then booked as it is.
     */
    public boolean hasCapturedMoney() {
        return isPaid() || "partially_paid".equals(financialStatus);
    }

    public boolean isCancelled() {
        return cancelledAt != null;
    }

    /** A guest checkout has no customer. */
    public boolean isGuestCheckout() {
        return customer == null || customer.id() == null;
    }

    /** The name shown to the merchant ("#1001"), or the id when a payload lacks it. */
    public String displayName() {
        return name == null || name.isBlank() ? id.toString() : name;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Customer(Long id, String email, String firstName, String lastName) {
    }

    /**
     * A line of an order, a fulfillment or a refund. {@code variantId} and {@code productId} are null for custom
     * line items (and for deleted products).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LineItem(
            Long id,
            Long variantId,
            Long productId,
            String sku,
            String title,
            String variantTitle,
            Integer quantity,
            BigDecimal price,
            boolean requiresShipping,
            List<TaxLine> taxLines,
            List<DiscountAllocation> discountAllocations) {

        public LineItem {
            ShopifyOrderPayloads.require(id, "line_item.id");
            ShopifyOrderPayloads.require(quantity, "line_item.quantity");
            ShopifyOrderPayloads.require(price, "line_item.price");
            taxLines = ShopifyOrderPayloads.nonNull(taxLines);
            discountAllocations = ShopifyOrderPayloads.nonNull(discountAllocations);
        }
    }

    /** An amount in the shop's currency (and the buyer's, not read). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MoneySet(Money shopMoney) {

        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        public record Money(BigDecimal amount, String currencyCode) {
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TaxLine(String title, BigDecimal rate, BigDecimal price) {

        public TaxLine {
            ShopifyOrderPayloads.require(title, "tax_line.title");
            ShopifyOrderPayloads.require(price, "tax_line.price");
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DiscountAllocation(BigDecimal amount) {

        public DiscountAllocation {
            ShopifyOrderPayloads.require(amount, "discount_allocation.amount");
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ShippingLine(
            Long id,
            String title,
            String code,
            BigDecimal price,
            List<TaxLine> taxLines,
            List<DiscountAllocation> discountAllocations) {

        public ShippingLine {
            ShopifyOrderPayloads.require(price, "shipping_line.price");
            taxLines = ShopifyOrderPayloads.nonNull(taxLines);
            discountAllocations = ShopifyOrderPayloads.nonNull(discountAllocations);
        }
    }
}
