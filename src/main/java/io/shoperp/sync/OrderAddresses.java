package io.shoperp.sync;

import static io.shoperp.mapping.CustomerMapper.ADDRESS;
import static io.shoperp.mapping.CustomerMapper.ORDER_ADDRESS_KEY;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.mapping.CustomerMapper;
import io.shoperp.shopify.ShopifyAddress;
import io.shoperp.shopify.ShopifyOrder;

/**
 * The ERPNext Addresses of an order's billing and shipping address, linked to the order's Customer and found or
 * created by their content key ({@link CustomerMapper#orderAddress}), so an address used again is found, not copied.
 * A found Address is not rewritten: its key says it holds this content, and whether it was first used for billing or
 * shipping does not matter to the documents that link it. Since the key is a digest of the content, the name found for
 * a key stays right for as long as the Address exists, so it is remembered ({@code erpnext.master-cache-ttl}): the
 * billing address that is also the shipping address, and a returning customer's address, are not looked up again.
 * An address ERPNext could not hold (a required part
 * missing, a country it has no Country for) is left off the documents, and the outcome says why.
 */
final class OrderAddresses {

    private final ErpNextClient client;
    private final ErpNextCountries countries;
    private final ExpiringCache<String> namesByKey;

    OrderAddresses(ErpNextClient client, ErpNextCountries countries, ExpiringCache<String> namesByKey) {
        this.client = client;
        this.countries = countries;
        this.namesByKey = namesByKey;
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
        ObjectNode address = CustomerMapper.orderAddress(source, customerDocName, country.get(), addressType);
        String name = namesByKey.get(address.path(ORDER_ADDRESS_KEY).asText(), key -> client.findByKey(ADDRESS,
                        ORDER_ADDRESS_KEY, key).orElseGet(() -> client.create(ADDRESS, address, ORDER_ADDRESS_KEY).document())
                .path("name").asText());
        return new Found(name, name);
    }
}
