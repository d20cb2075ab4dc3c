package io.shoperp.shopify;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A Fulfillment ({@code fulfillments/*}, also inside orders): its line items are the order's line items (same
 * {@code id}) with {@code quantity} = the quantity this fulfillment ships.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShopifyFulfillment(
        Long id,
        Long orderId,
        String status,
        Long locationId,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        List<ShopifyOrder.LineItem> lineItems) {

    public ShopifyFulfillment {
        ShopifyOrderPayloads.require(id, "fulfillment.id");
        ShopifyOrderPayloads.require(orderId, "fulfillment.order_id");
        ShopifyOrderPayloads.require(createdAt, "fulfillment.created_at");
        lineItems = ShopifyOrderPayloads.nonNull(lineItems);
    }
}
