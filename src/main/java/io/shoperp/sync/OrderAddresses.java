package io.shoperp.sync;

import static io.shoperp.mapping.CustomerMapper.ADDRESS;
import static io.shoperp.mapping.CustomerMapper.ORDER_ADDRESS_KEY;

import java.util.List;
import java.util.Optional;

import io.shoperp.mapping.CustomerMapper;
import io.shoperp.shopify.ShopifyAddress;
import io.shoperp.shopify.ShopifyOrder;

/**
 * The ERPNext Addresses of an order's billing and shipping address, linked to the order's Customer and upserted by
 * their content key ({@link CustomerMapper#orderAddress}), so an address used again is found, not copied. An address
 * ERPNext could not hold (a required part missing, a country it has no Country for) is left off the documents, and
 * the outcome says why.
 */
final class OrderAddresses {

    private final KeyedUpsert upsert;
    private final ErpNextCountries countries;

    OrderAddresses(KeyedUpsert upsert, ErpNextCountries countries) {
        this.upsert = upsert;
        this.countries = countries;
    }

    /** The Address names for the order's Customer (null where there is none) and the outcome's words. */
    record Linked(String billing, String shipping, String detail) {
    }

    private record Found(String name, String words) {
    }

    Linked link(ShopifyOrder order, String customerDocName) {
        Found billing = address(order.billingAddress(), customerDocName, "Billing");
        Found shipping = address(order.shippingAddress(), customerDocName, "Shipping");
        return new Linked(billing.name(), shipping.name(),
                "billing address " + billing.words() + ", shipping address " + shipping.words());
    }

    private Found address(ShopifyAddress source, String customerDocName, String addressType) {
        if (source == null) {
            return new Found(null, "none");
        }
        List<String> missing = CustomerMapper.missingPostalFields(source);
        if (!missing.isEmpty()) {
            return new Found(null, "left off (lacks " + String.join(", ", missing) + ")");
        }
        Optional<String> country = countries.name(source.countryCode(), source.country());
        if (country.isEmpty()) {
            return new Found(null, "left off (ERPNext has no Country for " + source.country() + ")");
        }
        String name = upsert.upsert(ADDRESS, ORDER_ADDRESS_KEY,
                CustomerMapper.orderAddress(source, customerDocName, country.get(), addressType)).name();
        return new Found(name, name);
    }
}
