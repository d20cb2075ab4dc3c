package io.shoperp.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.shopify.ShopifyAddress;
import io.shoperp.shopify.ShopifyCustomer;

/**
 * Pure mapping of a Shopify customer onto ERPNext Customer, Address and Contact documents. Only known values are
 * written: Shopify sends null for what the app may not read, and null must not wipe what ERPNext already holds.
 * Text is trimmed: Frappe stores Data fields as sent (it strips only names, Select values and item codes), so
 * Shopify's stray spaces would otherwise reach ERPNext. Names and text are kept within what ERPNext accepts
 * ({@link CustomerNames}, {@link ErpNextText}); an email or phone ERPNext would refuse is left out.
 */
public final class CustomerMapper {

    public static final String CUSTOMER = "Customer";
    public static final String ADDRESS = "Address";
    public static final String CONTACT = "Contact";
    public static final String CUSTOMER_KEY = "shopify_customer_id";
    public static final String ADDRESS_KEY = "shopify_address_id";
    /** Address custom field keying the Addresses of orders ({@link #orderAddress}). */
    public static final String ORDER_ADDRESS_KEY = "shopify_address_key";
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
                .put("customer_name", CustomerNames.customerName(customer))
                .put("customer_type", "Individual")
                .put("customer_group", mapping.customerGroup())
                .put("territory", mapping.territory())
                .put(CUSTOMER_KEY, Long.toString(customer.id()));
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
        missing.addAll(missingPostalFields(address));
        return missing;
    }

    /** What an Address needs from any Shopify address, an order's (which has no id) included. */
    public static List<String> missingPostalFields(ShopifyAddress address) {
        List<String> missing = new ArrayList<>();
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
     * The Billing Address from a complete Shopify address (see {@link #missingAddressFields}), linked to the ERPNext
     * Customer {@code customerDocName}. {@code erpNextCountry} is the ERPNext Country of the address: Address.country
     * is a link, and ERPNext refuses a name it has no Country for. Text too long for its column is cut.
     */
    public static ObjectNode address(ShopifyAddress source, String customerDocName, String erpNextCountry) {
        ObjectNode address = postalAddress(source, customerDocName, erpNextCountry, "Billing")
                .put(ADDRESS_KEY, source.id().toString());
        address.set("links", linksTo(customerDocName));
        return address;
    }

    /**
     * The Address of an order's billing or shipping address ({@code addressType} "Billing" or "Shipping"), linked to
     * the order's Customer. An order's address has no Shopify id, so its key ({@value #ORDER_ADDRESS_KEY}) is a digest
     * of the Customer and of what the Address holds: the same address on the customer's next order, or on another
     * guest's order, is the same Address, and one used for billing and shipping alike is one Address.
     */
    public static ObjectNode orderAddress(ShopifyAddress source, String customerDocName, String erpNextCountry,
                                          String addressType) {
        ObjectNode address = postalAddress(source, customerDocName, erpNextCountry, addressType);
        address.put(ORDER_ADDRESS_KEY, orderAddressKey(address, customerDocName));
        if ("Shipping".equals(addressType)) {
            address.put("is_shipping_address", 1);
        }
        address.set("links", linksTo(customerDocName));
        return address;
    }

    private static String orderAddressKey(ObjectNode address, String customerDocName) {
        StringBuilder content = new StringBuilder(customerDocName);
        for (String field : List.of("address_line1", "address_line2", "city", "state", "pincode", "country", "phone")) {
            content.append('\n').append(address.path(field).asText("").strip().replaceAll("\\s+", " ")
                    .toLowerCase(Locale.ROOT));
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static ObjectNode postalAddress(ShopifyAddress source, String customerDocName, String erpNextCountry,
                                            String addressType) {
        ObjectNode address = NODES.objectNode()
                .put("address_title", CustomerNames.addressTitle(customerDocName))
                .put("address_type", addressType);
        putKnown(address, "address_line1", source.address1(), ErpNextText.ADDRESS_LINE_LENGTH);
        putKnown(address, "address_line2", source.address2(), ErpNextText.ADDRESS_LINE_LENGTH);
        putKnown(address, "city", source.city(), ErpNextText.DATA_LENGTH);
        putKnown(address, "state", source.province(), ErpNextText.DATA_LENGTH);
        putKnown(address, "pincode", source.zip(), ErpNextText.DATA_LENGTH);
        address.put("country", erpNextCountry);
        // Address.phone is a plain Data field: ERPNext stores any text there, so Shopify's free-form phone stays.
        putKnown(address, "phone", source.phone(), ErpNextText.DATA_LENGTH);
        return address;
    }

    /**
     * The Contact holding the customer's names, email and phone, linked to the ERPNext Customer. An email or phone
     * ERPNext would refuse is left out ({@link #refusedContactDetails}); one it already holds then stays.
     */
    public static ObjectNode contact(ShopifyCustomer customer, String customerDocName) {
        CustomerNames.PersonName names = CustomerNames.contactName(customer, customerDocName);
        ObjectNode contact = NODES.objectNode().put("first_name", names.first());
        names.last().ifPresent(last -> contact.put("last_name", last));
        clean(customer.email()).filter(ErpNextText::isAcceptedEmail).ifPresent(email -> contact.putArray("email_ids")
                .addObject().put("email_id", email).put("is_primary", 1));
        clean(customer.phone()).filter(ErpNextText::isAcceptedPhone).ifPresent(phone -> contact.putArray("phone_nos")
                .addObject().put("phone", phone).put("is_primary_phone", 1));
        contact.set("links", linksTo(customerDocName));
        contact.put(CONTACT_KEY, Long.toString(customer.id()));
        return contact;
    }

    /** What Shopify has for the Contact that ERPNext would refuse, so {@link #contact} leaves it out: "email", "phone". */
    public static List<String> refusedContactDetails(ShopifyCustomer customer) {
        List<String> refused = new ArrayList<>();
        if (clean(customer.email()).filter(email -> !ErpNextText.isAcceptedEmail(email)).isPresent()) {
            refused.add("email");
        }
        if (clean(customer.phone()).filter(phone -> !ErpNextText.isAcceptedPhone(phone)).isPresent()) {
            refused.add("phone");
        }
        return refused;
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

    private static void putKnown(ObjectNode document, String field, String value, int maxLength) {
        clean(value).ifPresent(text -> document.put(field, ErpNextText.cut(text, maxLength)));
    }

    private static Optional<String> clean(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(text -> !text.isEmpty());
    }
}
