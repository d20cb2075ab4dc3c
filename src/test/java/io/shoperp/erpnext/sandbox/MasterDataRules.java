package io.shoperp.erpnext.sandbox;

import java.text.Collator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What Frappe 15 / ERPNext 15 refuse in the master data the bridge writes (Customer, Contact, Address, Item), after
 * the audit in notes/audit-masters.md. Paths are relative to apps/frappe/frappe/ and apps/erpnext/erpnext/.
 * <p>
 * Frappe checks a new document in this order: links, naming (409), the controller's validate, then mandatory, Email
 * and Phone formats, lengths (417), the parent before its child rows; the database insert (500 for a name too long
 * for its column) and on_update come last. The sandbox's mandatory check runs before these, so a document that is
 * both incomplete and misnamed is answered with the mandatory error here and with the NameError by ERPNext.
 * <p>
 * Every check is a lookup or a short loop over the fields below, so the fault suite's thousands of documents stay cheap.
 */
final class MasterDataRules {

    /** frappe/database/mariadb/schema.py: the name column is varchar(140), and so is a Data field without a length. */
    private static final int NAME_LENGTH = 140;
    private static final int DATA_LENGTH = 140;
    private static final int ADDRESS_LINE_LENGTH = 240;

    /**
     * frappe/utils/__init__.py EMAIL_MATCH_PATTERN, matched from the start only (re.match), case-insensitively as
     * Python's re.IGNORECASE does (which also folds the Kelvin sign, long s and dotted/dotless i, as UNICODE_CASE).
     */
    private static final Pattern EMAIL = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@"
                    + "(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** frappe/utils/__init__.py PHONE_NUMBER_PATTERN: 1 to 20 of digits, space and + _ - , . * # ( ), nothing else. */
    private static final Pattern PHONE = Pattern.compile("[0-9 +_\\-,.*#()]{1,20}");
    /** frappe/utils/__init__.py split_emails: tabs and line breaks become spaces, commas separate addresses. */
    private static final Pattern LINE_BREAK = Pattern.compile("[\\t\\n\\r]");

    private enum Format { TEXT, EMAIL, PHONE }

    private record DataField(String fieldname, String label, int length, Format format) {
    }

    /**
     * The Data fields of the doctypes (and child doctypes) the bridge writes, from their doctype JSON: label, length
     * (140 unless the JSON sets one) and options Email / Phone. Fields the bridge never sends are left out.
     * Address.phone has no options, so Frappe does not validate it as a phone number.
     */
    private static final Map<String, List<DataField>> DATA_FIELDS = Map.of(
            "Customer", List.of(text("customer_name", "Customer Name")),
            "Contact", List.of(text("first_name", "First Name"), text("middle_name", "Middle Name"),
                    text("last_name", "Last Name"), text("full_name", "Full Name"),
                    new DataField("email_id", "Email Address", DATA_LENGTH, Format.EMAIL),
                    new DataField("phone", "Phone", DATA_LENGTH, Format.PHONE),
                    new DataField("mobile_no", "Mobile No", DATA_LENGTH, Format.PHONE)),
            "Contact Email", List.of(new DataField("email_id", "Email ID", DATA_LENGTH, Format.EMAIL)),
            "Contact Phone", List.of(new DataField("phone", "Number", DATA_LENGTH, Format.PHONE)),
            "Address", List.of(text("address_title", "Address Title"),
                    new DataField("address_line1", "Address Line 1", ADDRESS_LINE_LENGTH, Format.TEXT),
                    new DataField("address_line2", "Address Line 2", ADDRESS_LINE_LENGTH, Format.TEXT),
                    text("city", "City/Town"), text("county", "County"), text("state", "State/Province"),
                    text("pincode", "Postal Code"),
                    new DataField("email_id", "Email Address", DATA_LENGTH, Format.EMAIL),
                    text("phone", "Phone")),
            "Item", List.of(text("item_code", "Item Code"), text("item_name", "Item Name")));

    /** Child tables of the doctypes above: the parent's field and the child doctype. */
    private static final Map<String, String> CHILD_TABLES =
            Map.of("email_ids", "Contact Email", "phone_nos", "Contact Phone");

    private MasterDataRules() {
    }

    /** Called from DocumentRules.validate, on insert and on every save of a draft. */
    static void validate(SandboxStore store, String doctype, ObjectNode doc) {
        if (!DATA_FIELDS.containsKey(doctype)) {
            return;
        }
        if ("Address".equals(doctype)) {
            requireCountryExists(store, doc);
        }
        // ERPNext names a new document before validating it; the sandbox names it afterwards, so validate_name runs
        // here on the name it is going to get (before any clash suffix), which the messages below quote as ERPNext does.
        String name = doc.hasNonNull("name") ? doc.get("name").asText()
                : requireValidName(doctype, baseName(doctype, doc));
        if ("Contact".equals(doctype)) {
            doc.put("full_name", fullName(doc));
        }
        requireValidData(doc, DATA_FIELDS.get(doctype), doctype + " " + name);
        CHILD_TABLES.forEach((table, childDoctype) -> doc.path(table).forEach(row ->
                requireValidData(row, DATA_FIELDS.get(childDoctype), childDoctype + ", Row " + row.path("idx").asText())));
    }

    /** Called from DocumentRules.onUpdate, after the document is stored; a failure undoes the save. */
    static void onUpdate(SandboxStore store, String doctype, ObjectNode doc) {
        if ("Customer".equals(doctype)) {
            requireNoCustomerGroupNamed(store, doc.path("name").asText());
        }
    }

    /**
     * contacts/doctype/contact/contact.py Contact.autoname: "{full_name}-{first link's name}", and on a clash
     * model/naming.py append_number_if_name_exists: "-1", "-2", ... (one more than the highest number in use).
     */
    static String contactName(JsonNode contact, Set<String> taken) {
        return numberedIfTaken(contactBaseName(contact), taken);
    }

    /**
     * contacts/doctype/address/address.py Address.autoname: "{address_title}-{address_type}", the title defaulting to
     * the first link's name; on a clash make_autoname("{title}-{type}-.#"), a series counting "-1", "-2", ... (modelled
     * as one more than the highest number in use, which is the series' value while no such Address is deleted).
     */
    static String addressName(JsonNode address, Set<String> taken) {
        return numberedIfTaken(addressBaseName(address), taken);
    }

    /**
     * model/base_document.py db_insert: the name column is varchar(140), nothing shortens a name, and _validate_length
     * skips it; MariaDB in strict mode (its default, Frappe sets no sql_mode) refuses the row with error 1406, a
     * pymysql DataError that Frappe does not translate: HTTP 500 (erpnext#31592).
     */
    static String requireFitsNameColumn(String name) {
        if (name.codePointCount(0, name.length()) > NAME_LENGTH) {
            throw new FrappeError(500, "DataError", "(1406, \"Data too long for column 'name' at row 1\")");
        }
        return name;
    }

    /** The name a new document gets before any clash suffix: what naming.validate_name sees. */
    private static String baseName(String doctype, JsonNode doc) {
        return switch (doctype) {
            case "Customer" -> doc.path("customer_name").asText();
            case "Item" -> doc.path("item_code").asText();
            case "Contact" -> contactBaseName(doc);
            case "Address" -> addressBaseName(doc);
            default -> throw new IllegalArgumentException(doctype);
        };
    }

    private static String contactBaseName(JsonNode contact) {
        JsonNode links = contact.path("links");
        String linkName = links.isEmpty() ? "" : "-" + links.get(0).path("link_name").asText().strip();
        return fullName(contact) + linkName;
    }

    private static String addressBaseName(JsonNode address) {
        String title = address.path("address_title").asText();
        if (title.isBlank() && !address.path("links").isEmpty()) {
            title = address.path("links").get(0).path("link_name").asText();
        }
        if (title.isBlank()) {
            throw FrappeError.validation("Address Title is mandatory.");
        }
        return title.strip() + "-" + address.path("address_type").asText().strip();
    }

    /** contacts/doctype/contact/contact.py get_full_name: the stripped, non-empty name parts joined by a space. */
    private static String fullName(JsonNode contact) {
        return Stream.of("first_name", "middle_name", "last_name").map(field -> contact.path(field).asText().strip())
                .filter(part -> !part.isEmpty()).collect(Collectors.joining(" "));
    }

    private static String numberedIfTaken(String name, Set<String> taken) {
        if (!taken.contains(name)) {
            return name;
        }
        String prefix = name + "-";
        int highest = 0;
        for (String other : taken) {
            String suffix = other.startsWith(prefix) ? other.substring(prefix.length()) : "";
            if (!suffix.isEmpty() && suffix.chars().allMatch(Character::isDigit) && suffix.length() < 10) {
                highest = Math.max(highest, Integer.parseInt(suffix));
            }
        }
        return prefix + (highest + 1);
    }

    /** model/naming.py validate_name, which set_new_name runs on every autonamed document; the name as checked. */
    private static String requireValidName(String doctype, String name) {
        if (name.startsWith("New " + doctype)) {
            throw nameError("There were some errors setting the name, please contact the administrator");
        }
        String stripped = name.strip();
        if (stripped.equals(doctype)) {
            throw nameError("Name of " + doctype + " cannot be " + doctype);
        }
        if (stripped.contains("<") || stripped.contains(">")) {
            throw nameError("Name cannot contain special characters like '<', '>'");
        }
        return stripped;
    }

    /**
     * model/document.py _validate_links: Address.country is a Link to Country, whose records are the fixed list of
     * geo/country_info.json (no Kosovo, Ascension or Tristan da Cunha). Message "{label}: {value}".
     */
    private static void requireCountryExists(SandboxStore store, JsonNode address) {
        String country = address.path("country").asText();
        if (!country.isBlank() && store.stored("Country", country) == null) {
            throw FrappeError.linkValidation("Country", country);
        }
    }

    /** model/document.py _validate: Email and Phone formats (_validate_data_fields) first, then lengths. */
    private static void requireValidData(JsonNode fields, List<DataField> dataFields, String reference) {
        for (DataField field : dataFields) {
            String value = fields.path(field.fieldname()).asText();
            switch (field.format()) {
                case EMAIL -> requireValidEmails(value);
                case PHONE -> requireValidPhone(value);
                case TEXT -> { }
            }
        }
        for (DataField field : dataFields) {
            requireWithinLength(fields.path(field.fieldname()).asText(), field, reference);
        }
    }

    /**
     * utils/__init__.py validate_email_address for each address split_emails finds (a comma inside quotes is not
     * modelled). A display name form ("Bob &lt;bob@example.com&gt;") is reduced to the part in angle brackets, as
     * email.utils.parseaddr does.
     */
    private static void requireValidEmails(String value) {
        for (String email : LINE_BREAK.matcher(value).replaceAll(" ").split(",")) {
            String candidate = email.strip();
            if (!candidate.isEmpty() && !isValidEmail(candidate)) {
                throw new FrappeError(417, "InvalidEmailAddressError",
                        escapeHtml(candidate) + " is not a valid Email Address");
            }
        }
    }

    private static boolean isValidEmail(String email) {
        if (email.contains("undisclosed-recipient") || email.contains(" ") && !email.contains("<")) {
            return false;
        }
        int open = email.lastIndexOf('<');
        int close = email.indexOf('>', open + 1);
        String address = open >= 0 && close > open ? email.substring(open + 1, close) : email;
        return EMAIL.matcher(address).lookingAt();
    }

    /** utils/__init__.py validate_phone_number: an empty value passes; the value is stripped first. */
    private static void requireValidPhone(String value) {
        String phone = value.strip();
        if (!phone.isEmpty() && !PHONE.matcher(phone).matches()) {
            throw new FrappeError(417, "InvalidPhoneNumberError", phone + " is not a valid Phone Number");
        }
    }

    /**
     * model/base_document.py _validate_length and throw_length_exceeded_error: Python's len (code points) against the
     * column, with frappe.bold around the label.
     */
    private static void requireWithinLength(String value, DataField field, String reference) {
        if (value.codePointCount(0, value.length()) > field.length()) {
            throw new FrappeError(417, "CharacterLengthExceededError", reference + ": '<strong>" + field.label()
                    + "</strong>' (" + value + ") will get truncated, as max characters allowed is " + field.length());
        }
    }

    /**
     * selling/doctype/customer/customer.py on_update → validate_name_with_customer_group: frappe.db.exists compares
     * under MariaDB's utf8mb4_unicode_ci, which ignores case and accents (a primary-strength collator here).
     */
    private static void requireNoCustomerGroupNamed(SandboxStore store, String customerName) {
        Collator collation = Collator.getInstance(Locale.ROOT);
        collation.setStrength(Collator.PRIMARY);
        for (ObjectNode group : store.storedAll("Customer Group")) {
            if (collation.compare(group.path("name").asText(), customerName) == 0) {
                throw nameError("A Customer Group exists with same name please change the Customer name or rename the"
                        + " Customer Group");
            }
        }
    }

    private static FrappeError nameError(String message) {
        return new FrappeError(409, "NameError", message);
    }

    /** utils/data.py escape_html, which validate_email_address applies to the address it reports. */
    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    private static DataField text(String fieldname, String label) {
        return new DataField(fieldname, label, DATA_LENGTH, Format.TEXT);
    }
}
