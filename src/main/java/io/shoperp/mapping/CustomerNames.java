package io.shoperp.mapping;

import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.shoperp.shopify.ShopifyCustomer;

/**
 * The names the bridge gives a Shopify customer's Customer, Contact and Address. ERPNext builds their document names
 * from them: the Customer is named "{customer_name}" (" - 1", " - 2", ... on a clash), the Contact
 * "{first last}-{Customer}" ("-1", ...), the Address "{address_title}-Billing" ("-1", ...). The name column holds 140
 * characters and a longer name fails the insert with a database error (HTTP 500, which the bridge retries forever),
 * so each part is shortened to leave room for what ERPNext adds, up to a one-digit clash number. '&lt;' and '&gt;' are
 * dropped: ERPNext refuses a name containing them (409 NameError).
 */
public final class CustomerNames {

    private static final int NAME_LENGTH = ErpNextText.DATA_LENGTH;
    private static final int CLASH_SUFFIX = "-9".length();
    private static final int CUSTOMER_CLASH_SUFFIX = " - 9".length();
    /** The one-letter first name and the "-" that start the longest Contact name a customer_name must leave room for. */
    private static final int SHORTEST_CONTACT_PREFIX = "B-".length();

    /** customer_name (132): its Customer's name with a clash suffix, and a Contact name "{x}-{Customer}-9", fit. */
    static final int CUSTOMER_NAME_LENGTH = NAME_LENGTH - CUSTOMER_CLASH_SUFFIX - SHORTEST_CONTACT_PREFIX - CLASH_SUFFIX;
    /** address_title (130): "{title}-Billing-9" fits. */
    static final int ADDRESS_TITLE_LENGTH = NAME_LENGTH - "-Billing".length() - CLASH_SUFFIX;

    /** A Contact's first name and, when one is known and fits, its last name. */
    record PersonName(String first, Optional<String> last) {
    }

    private CustomerNames() {
    }

    /** "First Last", else the email, else "Shopify customer &lt;id&gt;"; at most {@link #CUSTOMER_NAME_LENGTH}. */
    static String customerName(ShopifyCustomer customer) {
        String fullName = Stream.of(customer.firstName(), customer.lastName()).map(CustomerNames::clean)
                .flatMap(Optional::stream).collect(Collectors.joining(" "));
        String name = fullName.isEmpty() ? clean(customer.email()).orElseGet(() -> placeholder(customer)) : fullName;
        return ErpNextText.cut(name, CUSTOMER_NAME_LENGTH);
    }

    /**
     * The Contact's names: the first name (else the email's local part, else the placeholder) and the last name,
     * shortened so that "{first last}-{customerDocName}" plus a clash number fits ERPNext's name column. The first
     * name keeps its letters first; the last name gets what is left, or is left out.
     */
    static PersonName contactName(ShopifyCustomer customer, String customerDocName) {
        int room = Math.max(1, NAME_LENGTH - CLASH_SUFFIX - "-".length()
                - customerDocName.codePointCount(0, customerDocName.length()));
        String first = ErpNextText.cut(clean(customer.firstName())
                .or(() -> clean(customer.email()).flatMap(CustomerNames::localPart))
                .orElseGet(() -> placeholder(customer)), room);
        int roomForLast = room - first.codePointCount(0, first.length()) - " ".length();
        Optional<String> last = clean(customer.lastName()).filter(name -> roomForLast > 0)
                .map(name -> ErpNextText.cut(name, roomForLast)).filter(name -> !name.isEmpty());
        return new PersonName(first, last);
    }

    /** The Address's title: the Customer's name, shortened so that "{title}-Billing" plus a clash number fits. */
    static String addressTitle(String customerDocName) {
        return ErpNextText.cut(ErpNextText.withoutAngleBrackets(customerDocName).strip(), ADDRESS_TITLE_LENGTH);
    }

    /** The name of a customer Shopify gives no name and no email for, and the fallback for a name ERPNext refuses. */
    public static String placeholder(ShopifyCustomer customer) {
        return "Shopify customer " + customer.id();
    }

    private static Optional<String> localPart(String email) {
        int at = email.indexOf('@');
        return at > 0 ? Optional.of(email.substring(0, at)) : Optional.empty();
    }

    /** Trimmed and without angle brackets; empty when nothing is left. */
    private static Optional<String> clean(String value) {
        return Optional.ofNullable(value).map(text -> ErpNextText.withoutAngleBrackets(text).strip())
                .filter(text -> !text.isEmpty());
    }
}
