package io.shoperp.shopify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A Shopify MailingAddress as a customer's {@code default_address} or an order's {@code billing_address} and
 * {@code shipping_address} carry it (an order's addresses have no id); only the fields the mapping uses.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShopifyAddress(
        Long id,
        String address1,
        String address2,
        String city,
        String province,
        String zip,
        String country,
        /** ISO 3166-1 alpha-2, e.g. KR: how the ERPNext Country is found (names differ: "South Korea"). */
        String countryCode,
        String phone) {
}
