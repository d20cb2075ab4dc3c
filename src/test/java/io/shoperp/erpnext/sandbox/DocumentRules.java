package io.shoperp.erpnext.sandbox;

import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;

/**
 * The ERPNext validations and submit/cancel effects the integration can run into (frappe-rest.md). Each rule is a
 * small named method; doctypes the integration does not write get only the generic mandatory and link checks.
 * Called by {@link SandboxStore} while it holds its lock, so rules read and change documents atomically.
 */
class DocumentRules {

    private static final Map<String, List<String>> MANDATORY = Map.ofEntries(
            Map.entry("Customer", List.of("customer_name")),
            Map.entry("Item", List.of("item_code", "item_group", "stock_uom")),
            Map.entry("Sales Order", List.of("customer", "company", "transaction_date", "delivery_date", "items")),
            Map.entry("Sales Invoice", List.of("customer", "company", "posting_date", "items")),
            Map.entry("Payment Entry", List.of("payment_type", "party_type", "party", "paid_amount")),
            Map.entry("Stock Reconciliation", List.of("company", "items")),
            Map.entry("Delivery Note", List.of("customer", "company", "items")),
            Map.entry("Address", List.of("address_type", "address_line1", "city", "country")),
            Map.entry("Contact", List.of("first_name")),
            Map.entry("Custom Field", List.of("dt", "fieldname", "fieldtype")),
            Map.entry("Item Price", List.of("item_code", "price_list", "price_list_rate")));

    private static final List<String> MANDATORY_IN_ITEM_ROWS = List.of("item_code", "qty");

    /** Link fields by name, on documents and on child rows, and the doctype they must point to. */
    private static final Map<String, String> LINKS = Map.ofEntries(
            Map.entry("customer", "Customer"), Map.entry("company", "Company"),
            Map.entry("customer_group", "Customer Group"), Map.entry("territory", "Territory"),
            Map.entry("item_group", "Item Group"), Map.entry("stock_uom", "UOM"), Map.entry("uom", "UOM"),
            Map.entry("selling_price_list", "Price List"), Map.entry("paid_to", "Account"),
            Map.entry("paid_from", "Account"), Map.entry("debit_to", "Account"), Map.entry("account_head", "Account"),
            Map.entry("item_code", "Item"), Map.entry("warehouse", "Warehouse"), Map.entry("set_warehouse", "Warehouse"),
            Map.entry("against_sales_order", "Sales Order"), Map.entry("sales_order", "Sales Order"),
            Map.entry("customer_address", "Address"), Map.entry("shipping_address_name", "Address"),
            Map.entry("price_list", "Price List"));

    /** Dynamic links: the value field and the field naming its doctype. */
    private static final Map<String, String> DYNAMIC_LINKS = Map.of(
            "party", "party_type", "reference_name", "reference_doctype", "link_name", "link_doctype");

    static final ObjectMapper JSON = ErpNextClient.objectMapper();

    /** Doctypes whose new documents get Frappe's "Today" / "Now" defaults for posting_date and posting_time. */
    private static final Map<String, Boolean> POSTING_TIME = Map.of("Sales Invoice", true, "Delivery Note", true,
            "Stock Reconciliation", true, "Payment Entry", false);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final SandboxStore store;
    private final SellingRules selling;
    private final PaymentRules payments;
    private final StockReconciliationRules stockReconciliations;
    private final ItemPriceRules itemPrices;

    DocumentRules(SandboxStore store) {
        this.store = store;
        this.selling = new SellingRules(store);
        this.payments = new PaymentRules(store);
        this.stockReconciliations = new StockReconciliationRules(store, selling);
        this.itemPrices = new ItemPriceRules(store);
    }

    /**
     * frappe/model/create_new.py set_dynamic_default_values, for a new document: a missing posting_date is the
     * server's today and a missing posting_time its time of day, in System Settings' time zone.
     */
    void fillInsertDefaults(String doctype, ObjectNode doc) {
        Boolean withTime = POSTING_TIME.get(doctype);
        if (withTime == null) {
            return;
        }
        ZonedDateTime now = SandboxSettings.now(store);
        if (!doc.hasNonNull("posting_date")) {
            doc.put("posting_date", now.toLocalDate().toString());
        }
        if (withTime && !doc.hasNonNull("posting_time")) {
            doc.put("posting_time", TIME.format(now));
        }
    }

    /** Runs on every save of a draft and on submit, like Frappe's validate. */
    void validate(String doctype, ObjectNode doc) {
        requireMandatory(doctype, doc);
        requireLinksExist(doctype, doc);
        MasterDataRules.validate(store, doctype, doc);
        if (SellingRules.DOCTYPES.contains(doctype)) {
            selling.validate(doctype, doc);
        }
        if (SellingRules.DOCTYPES.contains(doctype) || "Payment Entry".equals(doctype)) {
            CompanyRules.validate(store, doctype, doc);
        }
        switch (doctype) {
            case "Payment Entry" -> payments.validate(doc);
            case "Stock Reconciliation" -> stockReconciliations.validate(doc);
            case "Custom Field" -> requireFieldNotYetDefined(doc);
            case "Item Price" -> itemPrices.validate(doc);
            default -> { }
        }
    }

    /**
     * Runs once a draft is stored, like Frappe's on_update; what it writes belongs to the same request, so the store
     * undoes the save when it fails.
     */
    void onUpdate(String doctype, ObjectNode doc) {
        MasterDataRules.onUpdate(store, doctype, doc);
        if ("Customer".equals(doctype)) {
            createPrimaryContact(doc);
        }
    }

    void onSubmit(String doctype, ObjectNode doc) {
        if (SellingRules.DOCTYPES.contains(doctype)) {
            selling.onSubmit(doctype, doc);
        }
        switch (doctype) {
            case "Payment Entry" -> payments.onSubmit(doc);
            case "Stock Reconciliation" -> stockReconciliations.onSubmit(doc);
            default -> { }
        }
    }

    void onCancel(String doctype, ObjectNode doc) {
        if (SellingRules.DOCTYPES.contains(doctype)) {
            selling.onCancel(doctype, doc);
        }
        if ("Payment Entry".equals(doctype)) {
            payments.applyAllocations(doc, BigDecimal.ONE.negate());
        }
    }

    /** Bin reserved_qty from submitted Sales Orders, by item and warehouse. */
    Map<StockBins.BinKey, BigDecimal> reservedBySalesOrders() {
        return selling.reservedBySalesOrders();
    }

    /** Whether {@code doc} holds a link (plain or dynamic, on the document or a row) to doctype/name. */
    static boolean linksTo(JsonNode doc, String doctype, String name) {
        if (linksFromFields(doc, doctype, name)) {
            return true;
        }
        for (JsonNode value : doc) {
            if (value.isArray()) {
                for (JsonNode row : value) {
                    if (linksFromFields(row, doctype, name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean linksFromFields(JsonNode fields, String doctype, String name) {
        for (Map.Entry<String, String> link : LINKS.entrySet()) {
            if (link.getValue().equals(doctype) && name.equals(fields.path(link.getKey()).asText())) {
                return true;
            }
        }
        for (Map.Entry<String, String> link : DYNAMIC_LINKS.entrySet()) {
            if (doctype.equals(fields.path(link.getValue()).asText()) && name.equals(fields.path(link.getKey()).asText())) {
                return true;
            }
        }
        return doctype.equals(fields.path("doctype").asText()) && name.equals(fields.path("return_against").asText());
    }

    /**
     * ERPNext's Customer.create_primary_contact: email_id or mobile_no on a Customer that has no primary contact yet
     * become a Contact of ERPNext's own making, which an integration keeping its own Contacts would see as a duplicate.
     */
    private void createPrimaryContact(ObjectNode customer) {
        String email = customer.path("email_id").asText();
        String mobile = customer.path("mobile_no").asText();
        if (!customer.path("customer_primary_contact").asText().isBlank() || email.isBlank() && mobile.isBlank()) {
            return;
        }
        ObjectNode contact = customer.objectNode().put("first_name", customer.path("customer_name").asText())
                .put("is_primary_contact", 1);
        if (!email.isBlank()) {
            contact.putArray("email_ids").addObject().put("email_id", email).put("is_primary", 1);
        }
        if (!mobile.isBlank()) {
            contact.putArray("phone_nos").addObject().put("phone", mobile).put("is_primary_mobile_no", 1);
        }
        contact.putArray("links").addObject().put("link_doctype", "Customer").put("link_name", customer.path("name").asText());
        customer.put("customer_primary_contact", store.insert("Contact", contact).path("name").asText());
    }

    private void requireMandatory(String doctype, ObjectNode doc) {
        for (String field : MANDATORY.getOrDefault(doctype, List.of())) {
            JsonNode value = doc.get(field);
            boolean missing = value == null || value.isNull() || value.asText().isBlank() && !value.isArray()
                    || value.isArray() && value.isEmpty();
            if (missing) {
                throw new FrappeError(417, "MandatoryError", "Error: Value missing for " + doctype + ": " + field,
                        "[" + doctype + ", " + doc.path("name").asText("new") + "]: " + field);
            }
        }
        for (JsonNode row : doc.path("items")) {
            for (String field : MANDATORY_IN_ITEM_ROWS) {
                if (row.path(field).asText().isBlank()) {
                    throw new FrappeError(417, "MandatoryError", "Error: Value missing for Row #"
                            + row.path("idx").asText("?") + ": " + field);
                }
            }
        }
    }

    private void requireLinksExist(String doctype, ObjectNode doc) {
        requireLinksExist(doc, doctype);
        doc.forEach(value -> {
            if (value.isArray()) {
                value.forEach(row -> requireLinksExist(row, ""));
            }
        });
        String returnAgainst = doc.path("return_against").asText();
        if (!returnAgainst.isBlank() && store.stored(doctype, returnAgainst) == null) {
            throw FrappeError.linkValidation(doctype, returnAgainst);
        }
    }

    /** selfDoctype: a document's own key (item_code on an Item) is not a link to itself. */
    private void requireLinksExist(JsonNode fields, String selfDoctype) {
        LINKS.forEach((field, target) -> {
            if (!target.equals(selfDoctype)) {
                requireExists(target, fields.path(field).asText());
            }
        });
        DYNAMIC_LINKS.forEach((field, typeField) -> {
            String target = fields.path(typeField).asText();
            if (!target.isBlank()) {
                requireExists(target, fields.path(field).asText());
            }
        });
    }

    private void requireExists(String doctype, String name) {
        if (!name.isBlank() && store.stored(doctype, name) == null) {
            throw FrappeError.linkValidation(doctype, name);
        }
    }

    private void requireFieldNotYetDefined(ObjectNode field) {
        String name = field.path("dt").asText() + "-" + field.path("fieldname").asText();
        if (store.stored("Custom Field", name) != null && !name.equals(field.path("name").asText())) {
            throw FrappeError.validation("A field with the name " + field.path("fieldname").asText()
                    + " already exists in " + field.path("dt").asText());
        }
    }

    static BigDecimal decimal(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
            return BigDecimal.ZERO;
        }
        return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText());
    }
}
