package io.shoperp.shopify;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The {@code products/create|update} body, reduced to what ERPNext Items and the price sync need. Lists are never null. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShopifyProduct(
        Long id,
        String title,
        String status,
        String productType,
        OffsetDateTime updatedAt,
        List<Variant> variants) {

    public ShopifyProduct {
        ShopifyOrderPayloads.require(id, "product.id");
        variants = ShopifyOrderPayloads.nonNull(variants);
    }

    /**
     * {@code requires_shipping} is absent from newer API versions (it moved to the inventory item): absent means a
     * physical good. {@code price} is Shopify's money string ("19.99"), null when absent.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Variant(Long id, Long productId, String sku, String title, Boolean requiresShipping,
                          Long inventoryItemId, BigDecimal price, OffsetDateTime updatedAt) {

        public Variant {
            ShopifyOrderPayloads.require(id, "variant.id");
        }

        public boolean isPhysical() {
            return requiresShipping == null || requiresShipping;
        }
    }
}
