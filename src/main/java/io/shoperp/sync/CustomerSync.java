package io.shoperp.sync;

import static io.shoperp.mapping.CustomerMapper.ADDRESS;
import static io.shoperp.mapping.CustomerMapper.ADDRESS_KEY;
import static io.shoperp.mapping.CustomerMapper.CONTACT;
import static io.shoperp.mapping.CustomerMapper.CONTACT_KEY;
import static io.shoperp.mapping.CustomerMapper.CUSTOMER;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.mapping.CustomerMapper;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.shopify.ShopifyAddress;
import io.shoperp.shopify.ShopifyCustomer;
import io.shoperp.sync.KeyedUpsert.Change;
import io.shoperp.sync.KeyedUpsert.Upserted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies customers/create and customers/update: the ERPNext Customer, the Billing Address from the default
 * address and the Contact, each upserted by its Shopify key with minimal writes, so a replay changes nothing.
 * What ERPNext would refuse of an unusual customer is left out and named in the outcome rather than failing the
 * event: a default address in a country ERPNext has no Country for, an email or phone it does not accept.
 * Staleness is decided by the inbox before this is called. ERPNext failures propagate for the route to classify.
 */
public class CustomerSync {

    private static final Logger log = LoggerFactory.getLogger(CustomerSync.class);

    private final KeyedUpsert upsert;
    private final ErpNextCustomers customers;
    private final ErpNextCountries countries;

    public CustomerSync(ErpNextClient client, ErpNextMappingProperties mapping, Clock clock) {
        this.upsert = new KeyedUpsert(client);
        this.customers = new ErpNextCustomers(client, mapping);
        this.countries = new ErpNextCountries(client, mapping.getCountryCacheTtl(), mapping.getMasterCacheSize(), clock);
    }

    /**
     * @throws UnprocessableEventException when the payload is unusable or a mapping key is not configured (permanent)
     * @throws io.shoperp.inbox.NotReadyException when ERPNext gave the Customer's name to another new Customer at
     *         the same moment (transient: the next attempt is named "X - 1")
     * @throws io.shoperp.erpnext.ErpNextException when ERPNext fails or refuses a write
     */
    public ApplyOutcome apply(InboxEvent event) {
        ShopifyCustomer shopify = ShopifyCustomer.parse(event.payload());
        Upserted customer = customers.upsert(shopify);
        AddressOutcome address = address(shopify.defaultAddress(), customer.name());
        Upserted contact = upsert.upsert(CONTACT, CONTACT_KEY, CustomerMapper.contact(shopify, customer.name()));
        Upserted linked = upsert.updateDifferences(CUSTOMER, customer.document(),
                CustomerMapper.primaryLinks(contact.name(), address.upserted().map(Upserted::name)));

        String detail = "Customer " + customer.name() + ": " + combined(customer.change(), linked.change())
                + "; " + address.detail()
                + "; Contact " + contact.name() + ": " + contact.change() + leftOut(shopify);
        log.debug("inbox event {} {} shopify_customer_id={} updated_at={}: {}", event.id(), event.topic(), shopify.id(),
                shopify.updatedAt(), changesOnly(customer, linked, address.upserted(), contact));
        return ApplyOutcome.done(detail);
    }

    /** The Billing Address upserted from the default address, or none, and the outcome's words for it. */
    private record AddressOutcome(Optional<Upserted> upserted, String detail) {

        static AddressOutcome none(String why) {
            return new AddressOutcome(Optional.empty(), "Address: " + why);
        }
    }

    private AddressOutcome address(ShopifyAddress source, String customerDocName) {
        if (source == null) {
            return AddressOutcome.none("none (no default address)");
        }
        List<String> missing = CustomerMapper.missingAddressFields(source);
        if (!missing.isEmpty()) {
            return AddressOutcome.none("skipped (default address " + source.id() + " lacks "
                    + String.join(", ", missing) + ")");
        }
        Optional<String> country = countries.name(source.countryCode(), source.country());
        if (country.isEmpty()) {
            return AddressOutcome.none("skipped (default address " + source.id() + " is in " + countryOf(source)
                    + ", for which ERPNext has no Country)");
        }
        Upserted address = upsert.upsert(ADDRESS, ADDRESS_KEY,
                CustomerMapper.address(source, customerDocName, country.get()));
        return new AddressOutcome(Optional.of(address), "Address " + address.name() + ": " + address.change());
    }

    /** "Kosovo (XK)", or Shopify's country name alone when it gave no code. */
    private static String countryOf(ShopifyAddress source) {
        String code = source.countryCode() == null ? "" : source.countryCode().strip();
        return source.country().strip() + (code.isEmpty() ? "" : " (" + code + ")");
    }

    /** Setting the primary links right after creating the Customer is still its creation. */
    private static Change combined(Change customer, Change primaryLinks) {
        return customer == Change.UNCHANGED ? primaryLinks : customer;
    }

    /** What the Contact lacks because ERPNext would refuse it, named but not quoted: emails and phones are personal data. */
    private static String leftOut(ShopifyCustomer shopify) {
        List<String> refused = CustomerMapper.refusedContactDetails(shopify);
        return refused.isEmpty() ? ""
                : " (" + String.join(" and ", refused) + " left out: not in a form ERPNext accepts)";
    }

    /** The log line names documents and changes only: customer names are personal data. */
    private static String changesOnly(Upserted customer, Upserted linked, Optional<Upserted> address, Upserted contact) {
        return "Customer " + combined(customer.change(), linked.change())
                + ", Address " + address.map(a -> a.change().toString()).orElse("none")
                + ", Contact " + contact.change();
    }
}
