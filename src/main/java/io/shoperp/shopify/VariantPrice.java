package io.shoperp.shopify;

import java.math.BigDecimal;
import java.util.Objects;

/** A product variant's price in Shopify, with the product a price update must name. */
public record VariantPrice(long variantId, long productId, BigDecimal price) {

    public VariantPrice {
        Objects.requireNonNull(price, "price");
    }
}
