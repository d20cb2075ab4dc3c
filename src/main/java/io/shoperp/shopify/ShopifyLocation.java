package io.shoperp.shopify;

/** A Shopify location (a shop, warehouse or app fulfilling orders); inactive ones neither stock nor fulfil. */
public record ShopifyLocation(long id, String name, boolean active) {
}
