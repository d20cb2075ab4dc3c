package io.shoperp.mapping;

import static io.shoperp.mapping.CustomerMapper.ADDRESS;
import static io.shoperp.mapping.CustomerMapper.ADDRESS_KEY;
import static io.shoperp.mapping.CustomerMapper.CONTACT;
import static io.shoperp.mapping.CustomerMapper.CONTACT_KEY;
import static io.shoperp.mapping.CustomerMapper.CUSTOMER;
import static io.shoperp.mapping.CustomerMapper.CUSTOMER_KEY;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.mapping.KeyedUpsert.Change;
import io.shoperp.mapping.KeyedUpsert.Upserted;
import io.shoperp.shopify.ShopifyAddress;
import io.shoperp.shopify.ShopifyCustomer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies customers/create and customers/update: the ERPNext Customer, the Billing Address from the default
 * address and the Contact, each upserted by its Shopify key with minimal writes, so a replay changes nothing.
 * Staleness is decided by the inbox before this is called. ERPNext failures propagate for the route to classify.
 */
@Component("customerSync")
public class CustomerSync {

    public static final List<String> TOPICS = List.of("customers/create", "customers/update");

    private static final Logger log = LoggerFactory.getLogger(CustomerSync.class);

    private final KeyedUpsert upsert;
    private final ErpNextCountries countries;
    private final ErpNextMappingProperties mapping;

    public CustomerSync(ErpNextClient client, ErpNextMappingProperties mapping, Clock clock) {
        this.upsert = new KeyedUpsert(client);
        this.countries = new ErpNextCountries(client, mapping.getCountryCacheTtl(), clock);
        this.mapping = mapping;
    }

    /**
     * @throws MappingException when the payload is unusable or a mapping key is not configured (permanent)
     * @throws io.shoperp.erpnext.ErpNextException when ERPNext fails or refuses a write
     */
    public ApplyOutcome apply(InboxEvent event) {
        Optional<ApplyOutcome> notMine = ApplyOutcome.unlessOneOf(TOPICS, "customerSync", event);
        if (notMine.isPresent()) {
            return notMine.get();
        }
        ShopifyCustomer shopify = ShopifyCustomer.parse(event.payload());
        Upserted customer = upsert.upsert(CUSTOMER, CUSTOMER_KEY, CustomerMapper.customer(shopify, mapping));
        Optional<Upserted> address = CustomerMapper.address(shopify, customer.name(),
                        source -> countries.name(source.countryCode(), source.country()))
                .map(document -> upsert.upsert(ADDRESS, ADDRESS_KEY, document));
        Upserted contact = upsert.upsert(CONTACT, CONTACT_KEY, CustomerMapper.contact(shopify, customer.name()));
        Upserted linked = upsert.updateDifferences(CUSTOMER, customer.document(),
                CustomerMapper.primaryLinks(contact.name(), address.map(Upserted::name)));

        String detail = "Customer " + customer.name() + ": " + combined(customer.change(), linked.change())
                + "; " + addressDetail(shopify.defaultAddress(), address)
                + "; Contact " + contact.name() + ": " + contact.change();
        log.debug("inbox event {} {} shopify_customer_id={} updated_at={}: {}", event.id(), event.topic(), shopify.id(),
                shopify.updatedAt(), changesOnly(customer, linked, address, contact));
        return ApplyOutcome.done(detail);
    }

    /** Setting the primary links right after creating the Customer is still its creation. */
    private static Change combined(Change customer, Change primaryLinks) {
        return customer == Change.UNCHANGED ? primaryLinks : customer;
    }

    private static String addressDetail(ShopifyAddress defaultAddress, Optional<Upserted> address) {
        if (address.isPresent()) {
            return "Address " + address.get().name() + ": " + address.get().change();
        }
        if (defaultAddress == null) {
            return "Address: none (no default address)";
        }
        List<String> missing = CustomerMapper.missingAddressFields(defaultAddress);
        return "Address: skipped (default address " + defaultAddress.id() + " lacks " + String.join(", ", missing) + ")";
    }

    /** The log line names documents and changes only: customer names are personal data. */
    private static String changesOnly(Upserted customer, Upserted linked, Optional<Upserted> address, Upserted contact) {
        return "Customer " + combined(customer.change(), linked.change())
                + ", Address " + address.map(a -> a.change().toString()).orElse("none")
                + ", Contact " + contact.change();
    }
}
