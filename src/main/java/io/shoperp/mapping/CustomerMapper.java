package io.shoperp.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.shopify.ShopifyAddress;
import io.shoperp.shopify.ShopifyCustomer;

/**
 * Pure mapping of a Shopify customer onto ERPNext Customer, Address and Contact documents. Only known values are
 * written: Shopify sends null for what the app may not read, and null must not wipe what ERPNext already holds.
 * Text is trimmed because Frappe stores Data fields trimmed, and an untrimmed value would differ on every replay.
 */
public final class CustomerMapper {

    public static final String CUSTOMER = "Customer";
    public static final String ADDRESS = "Address";
    public static final String CONTACT = "Contact";
    public static final String CUSTOMER_KEY = "shopify_customer_id";
    public static final String ADDRESS_KEY = "shopify_address_id";
    public static final String CONTACT_KEY = "shopify_customer_id";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CustomerMapper() {
    }

    /**
     * The Customer without email_id / mobile_no: ERPNext's Customer.on_update turns those into a Contact of its own
     * (create_primary_contact), which would sit beside ours without a key. They reach the Customer through
     * {@link #primaryLinks} instead, which ERPNext fetches them from.
     */
    public static ObjectNode customer(ShopifyCustomer customer, ErpNextMappingProperties mapping) {
        return NODES.objectNode()
                .put("customer_name", customerName(customer))
                .put("customer_type", "Individual")
                .put("customer_group", mapping.customerGroup())
                .put("territory", mapping.territory())
                .put(CUSTOMER_KEY, Long.toString(customer.id()));
    }

    /** "First Last", else the email, else "Shopify customer &lt;id&gt;". */
    public static String customerName(ShopifyCustomer customer) {
        String fullName = Stream.of(customer.firstName(), customer.lastName())
                .map(CustomerMapper::clean).flatMap(Optional::stream).collect(Collectors.joining(" "));
        if (!fullName.isEmpty()) {
            return fullName;
        }
        return clean(customer.email()).orElseGet(() -> placeholderName(customer));
    }

    /**
     * ERPNext requires these on an Address; a default address lacking any of them is left out rather than failing
     * the whole customer.
     */
    public static List<String> missingAddressFields(ShopifyAddress address) {
        List<String> missing = new ArrayList<>();
        if (address.id() == null) {
            missing.add("id");
        }
        if (clean(address.address1()).isEmpty()) {
            missing.add("address1");
        }
        if (clean(address.city()).isEmpty()) {
            missing.add("city");
        }
        if (clean(address.country()).isEmpty()) {
            missing.add("country");
        }
        return missing;
    }

    /**
     * The Billing Address from the customer's default address, linked to the ERPNext Customer
     * {@code customerDocName}; empty when there is no default address or it lacks a field ERPNext requires.
     * {@code erpNextCountry} names the ERPNext Country of a Shopify address (a link: ERPNext refuses other names).
     */
    public static Optional<ObjectNode> address(ShopifyCustomer customer, String customerDocName,
                                               Function<ShopifyAddress, String> erpNextCountry) {
        ShopifyAddress source = customer.defaultAddress();
        if (source == null || !missingAddressFields(source).isEmpty()) {
            return Optional.empty();
        }
        ObjectNode address = NODES.objectNode()
                .put("address_title", customerDocName)
                .put("address_type", "Billing");
        putKnown(address, "address_line1", source.address1());
        putKnown(address, "address_line2", source.address2());
        putKnown(address, "city", source.city());
        putKnown(address, "state", source.province());
        putKnown(address, "pincode", source.zip());
        putKnown(address, "country", erpNextCountry.apply(source));
        putKnown(address, "phone", source.phone());
        address.put(ADDRESS_KEY, source.id().toString());
        address.set("links", linksTo(customerDocName));
        return Optional.of(address);
    }

    /** The Contact holding the customer's names, email and phone, linked to the ERPNext Customer. */
    public static ObjectNode contact(ShopifyCustomer customer, String customerDocName) {
        String firstName = clean(customer.firstName())
                .or(() -> clean(customer.email()).flatMap(CustomerMapper::localPart))
                .orElseGet(() -> placeholderName(customer));
        ObjectNode contact = NODES.objectNode().put("first_name", firstName);
        putKnown(contact, "last_name", customer.lastName());
        clean(customer.email()).ifPresent(email -> contact.putArray("email_ids").addObject()
                .put("email_id", email).put("is_primary", 1));
        clean(customer.phone()).ifPresent(phone -> contact.putArray("phone_nos").addObject()
                .put("phone", phone).put("is_primary_phone", 1));
        contact.set("links", linksTo(customerDocName));
        contact.put(CONTACT_KEY, Long.toString(customer.id()));
        return contact;
    }

    /** The Customer fields pointing at its primary Contact and Address (ERPNext fetches email and phone from them). */
    public static ObjectNode primaryLinks(String contactDocName, Optional<String> addressDocName) {
        ObjectNode links = NODES.objectNode().put("customer_primary_contact", contactDocName);
        addressDocName.ifPresent(name -> links.put("customer_primary_address", name));
        return links;
    }

    private static ArrayNode linksTo(String customerDocName) {
        ArrayNode links = NODES.arrayNode();
        links.addObject().put("link_doctype", CUSTOMER).put("link_name", customerDocName);
        return links;
    }

    private static Optional<String> localPart(String email) {
        int at = email.indexOf('@');
        return at > 0 ? Optional.of(email.substring(0, at)) : Optional.empty();
    }

    private static String placeholderName(ShopifyCustomer customer) {
        return "Shopify customer " + customer.id();
    }

    private static void putKnown(ObjectNode document, String field, String value) {
        clean(value).ifPresent(text -> document.put(field, text));
    }

    private static Optional<String> clean(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(text -> !text.isEmpty());
    }
}
