package io.shoperp.erpnext.sandbox;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The ERPNext validations and submit/cancel effects the integration can run into (frappe-rest.md). Each rule is a
 * small named method; doctypes the integration does not write get only the generic mandatory and link checks.
 * Called by {@link SandboxStore} while it holds its lock, so rules read and change documents atomically.
 */
class DocumentRules {

    private static final Map<String, List<String>> MANDATORY = Map.of(
            "Customer", List.of("customer_name"),
            "Item", List.of("item_code", "item_group", "stock_uom"),
            "Sales Order", List.of("customer", "company", "transaction_date", "delivery_date", "items"),
            "Sales Invoice", List.of("customer", "company", "posting_date", "items"),
            "Payment Entry", List.of("payment_type", "party_type", "party", "paid_amount", "received_amount"),
            "Delivery Note", List.of("customer", "company", "items"),
            "Address", List.of("address_type", "address_line1", "city", "country"),
            "Contact", List.of("first_name"),
            "Custom Field", List.of("dt", "fieldname", "fieldtype"));

    private static final List<String> MANDATORY_IN_ITEM_ROWS = List.of("item_code", "qty");

    /** Link fields by name, on documents and on child rows, and the doctype they must point to. */
    private static final Map<String, String> LINKS = Map.ofEntries(
            Map.entry("customer", "Customer"), Map.entry("company", "Company"),
            Map.entry("customer_group", "Customer Group"), Map.entry("territory", "Territory"),
            Map.entry("item_group", "Item Group"), Map.entry("stock_uom", "UOM"), Map.entry("uom", "UOM"),
            Map.entry("selling_price_list", "Price List"), Map.entry("paid_to", "Account"),
            Map.entry("paid_from", "Account"), Map.entry("debit_to", "Account"), Map.entry("account_head", "Account"),
            Map.entry("item_code", "Item"), Map.entry("warehouse", "Warehouse"), Map.entry("set_warehouse", "Warehouse"),
            Map.entry("against_sales_order", "Sales Order"), Map.entry("sales_order", "Sales Order"));

    /** Dynamic links: the value field and the field naming its doctype. */
    private static final Map<String, String> DYNAMIC_LINKS = Map.of(
            "party", "party_type", "reference_name", "reference_doctype", "link_name", "link_doctype");

    private final SandboxStore store;

    DocumentRules(SandboxStore store) {
        this.store = store;
    }

    /** Runs on every save of a draft and on submit, like Frappe's validate. */
    void validate(String doctype, ObjectNode doc) {
        requireMandatory(doctype, doc);
        requireLinksExist(doctype, doc);
        switch (doctype) {
            case "Sales Order" -> {
                requireDeliveryNotBeforeOrder(doc);
                requireWarehouseForStockItems(doc);
                computeTotals(doc);
            }
            case "Sales Invoice" -> {
                requireDueNotBeforePosting(doc);
                if (doc.path("update_stock").asInt() == 1) {
                    requireWarehouseForStockItems(doc);
                }
                if (doc.path("is_return").asInt() == 1) {
                    requireReturnWithinSoldQuantity(doc);
                }
                computeTotals(doc);
                doc.put("outstanding_amount", doc.get("grand_total").decimalValue());
            }
            case "Delivery Note" -> {
                requireNoOverDelivery(doc);
                computeTotals(doc);
            }
            case "Payment Entry" -> requireAllocationWithinOutstanding(doc);
            case "Custom Field" -> requireFieldNotYetDefined(doc);
            default -> { }
        }
    }

    /**
     * Runs once a draft is stored, like Frappe's on_update; what it writes belongs to the same request, so the store
     * undoes the save when it fails.
     */
    void onUpdate(String doctype, ObjectNode doc) {
        if ("Customer".equals(doctype)) {
            createPrimaryContact(doc);
        }
    }

    void onSubmit(String doctype, ObjectNode doc) {
        switch (doctype) {
            case "Delivery Note" -> {
                moveStock(doc, BigDecimal.ONE.negate());
                updateDeliveredQty(doc, BigDecimal.ONE);
            }
            case "Sales Invoice" -> {
                if (doc.path("update_stock").asInt() == 1) {
                    moveStock(doc, BigDecimal.ONE.negate());
                }
            }
            case "Payment Entry" -> applyAllocations(doc, BigDecimal.ONE);
            case "Stock Reconciliation" -> reconcileStock(doc);
            default -> { }
        }
    }

    void onCancel(String doctype, ObjectNode doc) {
        switch (doctype) {
            case "Delivery Note" -> {
                moveStock(doc, BigDecimal.ONE);
                updateDeliveredQty(doc, BigDecimal.ONE.negate());
            }
            case "Sales Invoice" -> {
                if (doc.path("update_stock").asInt() == 1) {
                    moveStock(doc, BigDecimal.ONE);
                }
            }
            case "Payment Entry" -> applyAllocations(doc, BigDecimal.ONE.negate());
            default -> { }
        }
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
        if ("Payment Entry".equals(doctype)) {
            String account = "Pay".equals(doc.path("payment_type").asText()) ? "paid_from" : "paid_to";
            if (doc.path(account).asText().isBlank()) {
                throw new FrappeError(417, "MandatoryError", "Error: Value missing for Payment Entry: " + account);
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

    private static void requireDeliveryNotBeforeOrder(ObjectNode order) {
        String orderDate = order.path("transaction_date").asText();
        boolean rowBeforeOrder = false;
        for (JsonNode row : order.path("items")) {
            rowBeforeOrder |= row.hasNonNull("delivery_date") && row.get("delivery_date").asText().compareTo(orderDate) < 0;
        }
        if (order.path("delivery_date").asText().compareTo(orderDate) < 0 || rowBeforeOrder) {
            throw FrappeError.validation("Expected Delivery Date should be after Sales Order Date");
        }
    }

    private static void requireDueNotBeforePosting(ObjectNode invoice) {
        if (invoice.hasNonNull("due_date")
                && invoice.get("due_date").asText().compareTo(invoice.path("posting_date").asText()) < 0) {
            throw FrappeError.validation("Due Date cannot be before Posting Date");
        }
    }

    private void requireWarehouseForStockItems(ObjectNode doc) {
        if (doc.hasNonNull("set_warehouse")) {
            return;
        }
        for (JsonNode row : doc.path("items")) {
            if (isStockItem(row.path("item_code").asText()) && row.path("warehouse").asText().isBlank()) {
                throw FrappeError.validation("Row #" + row.path("idx").asText() + ": Warehouse is mandatory for stock Item "
                        + row.path("item_code").asText());
            }
        }
    }

    /**
     * ERPNext's validate_returned_items: a credit note returns at most what was sold minus earlier returns; rows with
     * qty 0 return nothing and are let through.
     */
    private void requireReturnWithinSoldQuantity(ObjectNode creditNote) {
        String originalName = creditNote.path("return_against").asText();
        ObjectNode original = store.stored("Sales Invoice", originalName);
        if (original == null || original.path("docstatus").asInt() != 1) {
            throw FrappeError.validation("Sales Invoice " + originalName + " must be submitted to be returned against");
        }
        Map<String, BigDecimal> returnable = new LinkedHashMap<>();
        original.path("items").forEach(row -> returnable.merge(row.path("item_code").asText(), decimal(row.path("qty")),
                BigDecimal::add));
        for (ObjectNode earlier : store.storedAll("Sales Invoice")) {
            boolean earlierReturn = earlier.path("docstatus").asInt() == 1 && originalName.equals(earlier.path("return_against").asText())
                    && !earlier.path("name").asText().equals(creditNote.path("name").asText());
            if (earlierReturn) {
                earlier.path("items").forEach(row -> returnable.merge(row.path("item_code").asText(),
                        decimal(row.path("qty")), BigDecimal::add));
            }
        }
        for (JsonNode row : creditNote.path("items")) {
            String item = row.path("item_code").asText();
            BigDecimal qty = decimal(row.path("qty"));
            if (qty.signum() == 0) {
                // ERPNext accepts a row that returns nothing (it carries an item_name): a credit note for charges only.
                continue;
            }
            if (qty.signum() > 0) {
                throw FrappeError.validation("Row #" + row.path("idx").asText() + ": Quantity must be negative for a return");
            }
            BigDecimal left = returnable.getOrDefault(item, BigDecimal.ZERO);
            if (qty.negate().compareTo(left) > 0) {
                throw new FrappeError(417, "StockOverReturnError", "Row # " + row.path("idx").asText()
                        + ": Cannot return more than " + left.toPlainString() + " for Item " + item);
            }
            returnable.put(item, left.add(qty));
        }
    }

    /** Rows delivered against a Sales Order row (so_detail) may not exceed its qty across submitted notes. */
    private void requireNoOverDelivery(ObjectNode note) {
        for (JsonNode row : note.path("items")) {
            ObjectNode order = store.stored("Sales Order", row.path("against_sales_order").asText());
            String orderRow = row.path("so_detail").asText();
            if (order == null || orderRow.isBlank()) {
                continue;
            }
            BigDecimal ordered = BigDecimal.ZERO;
            for (JsonNode orderItem : order.path("items")) {
                if (orderRow.equals(orderItem.path("name").asText())) {
                    ordered = decimal(orderItem.path("qty"));
                }
            }
            BigDecimal delivered = decimal(row.path("qty"));
            for (ObjectNode other : store.storedAll("Delivery Note")) {
                if (other.path("docstatus").asInt() == 1 && !other.path("name").asText().equals(note.path("name").asText())) {
                    for (JsonNode otherRow : other.path("items")) {
                        if (orderRow.equals(otherRow.path("so_detail").asText())) {
                            delivered = delivered.add(decimal(otherRow.path("qty")));
                        }
                    }
                }
            }
            if (delivered.compareTo(ordered) > 0) {
                throw new FrappeError(417, "OverAllowanceError", "This document is over limit by Qty "
                        + delivered.subtract(ordered).toPlainString() + " for item " + row.path("item_code").asText()
                        + ". Are you making another Delivery Note against the same Sales Order Item?");
            }
        }
    }

    /**
     * ERPNext's StatusUpdater on Delivery Note submit (+1) and cancel (-1): each row adds its qty to the
     * {@code delivered_qty} of the Sales Order row it names in {@code so_detail}.
     */
    private void updateDeliveredQty(ObjectNode note, BigDecimal direction) {
        for (JsonNode row : note.path("items")) {
            ObjectNode order = store.stored("Sales Order", row.path("against_sales_order").asText());
            if (order == null) {
                continue;
            }
            for (JsonNode orderItem : order.path("items")) {
                if (orderItem.path("name").asText().equals(row.path("so_detail").asText())) {
                    ((ObjectNode) orderItem).put("delivered_qty",
                            decimal(orderItem.path("delivered_qty")).add(decimal(row.path("qty")).multiply(direction)));
                }
            }
        }
    }

    private void requireAllocationWithinOutstanding(ObjectNode payment) {
        for (JsonNode row : payment.path("references")) {
            ObjectNode reference = store.stored(row.path("reference_doctype").asText(), row.path("reference_name").asText());
            if (reference.path("docstatus").asInt() != 1) {
                throw FrappeError.validation(row.path("reference_doctype").asText() + " "
                        + row.path("reference_name").asText() + " must be submitted");
            }
            BigDecimal allocated = decimal(row.path("allocated_amount"));
            if (allocated.abs().compareTo(outstanding(reference).abs()) > 0) {
                throw FrappeError.validation("Row #" + row.path("idx").asText()
                        + ": Allocated Amount cannot be greater than outstanding amount.");
            }
        }
    }

    private static BigDecimal outstanding(ObjectNode reference) {
        if ("Sales Invoice".equals(reference.path("doctype").asText())) {
            return decimal(reference.path("outstanding_amount"));
        }
        return decimal(reference.path("grand_total")).subtract(decimal(reference.path("advance_paid")));
    }

    /** direction +1 on submit: each referenced document owes less; -1 on cancel gives it back. */
    private void applyAllocations(ObjectNode payment, BigDecimal direction) {
        for (JsonNode row : payment.path("references")) {
            ObjectNode reference = store.stored(row.path("reference_doctype").asText(), row.path("reference_name").asText());
            BigDecimal allocated = decimal(row.path("allocated_amount")).abs().multiply(direction);
            if ("Sales Invoice".equals(reference.path("doctype").asText())) {
                BigDecimal outstanding = decimal(reference.path("outstanding_amount"));
                BigDecimal towardsZero = outstanding.signum() < 0 ? allocated.negate() : allocated;
                reference.put("outstanding_amount", outstanding.subtract(towardsZero));
            } else {
                reference.put("advance_paid", decimal(reference.path("advance_paid")).add(allocated));
            }
        }
    }

    private void requireFieldNotYetDefined(ObjectNode field) {
        String name = field.path("dt").asText() + "-" + field.path("fieldname").asText();
        if (store.stored("Custom Field", name) != null && !name.equals(field.path("name").asText())) {
            throw FrappeError.validation("A field with the name " + field.path("fieldname").asText()
                    + " already exists in " + field.path("dt").asText());
        }
    }

    /**
     * Stock leaves (direction -1) or comes back (+1) per row qty; a return's negative qty therefore adds stock.
     * All rows are checked before any bin changes, so a NegativeStockError leaves stock untouched.
     */
    private void moveStock(ObjectNode doc, BigDecimal direction) {
        Map<StockBins.BinKey, BigDecimal> deltas = new LinkedHashMap<>();
        for (JsonNode row : doc.path("items")) {
            String item = row.path("item_code").asText();
            if (isStockItem(item)) {
                String warehouse = row.path("warehouse").asText(doc.path("set_warehouse").asText());
                deltas.merge(new StockBins.BinKey(item, warehouse), decimal(row.path("qty")).multiply(direction),
                        BigDecimal::add);
            }
        }
        deltas.forEach((bin, delta) -> {
            BigDecimal after = store.stock().bin(bin.itemCode(), bin.warehouse()).actualQty().add(delta);
            if (after.signum() < 0) {
                throw new FrappeError(417, "NegativeStockError", after.negate().toPlainString() + " units of Item "
                        + bin.itemCode() + " needed in Warehouse " + bin.warehouse() + " to complete this transaction.");
            }
        });
        deltas.forEach((bin, delta) -> store.stock().addActual(bin.itemCode(), bin.warehouse(), delta));
    }

    /** A Stock Reconciliation sets each row's actual quantity at its warehouse to the row's qty. */
    private void reconcileStock(ObjectNode doc) {
        for (JsonNode row : doc.path("items")) {
            String item = row.path("item_code").asText();
            if (store.stored("Item", item) == null) {
                throw FrappeError.validation("Item " + item + " not found");
            }
            store.stock().setActual(item, row.path("warehouse").asText(), decimal(row.path("qty")));
        }
    }

    private boolean isStockItem(String itemCode) {
        ObjectNode item = store.stored("Item", itemCode);
        return item != null && item.path("is_stock_item").asInt(1) == 1;
    }

    /** amount per row, net_total, total_taxes_and_charges and grand_total, as ERPNext's calculate_taxes_and_totals. */
    private static void computeTotals(ObjectNode doc) {
        BigDecimal net = BigDecimal.ZERO;
        for (JsonNode row : doc.path("items")) {
            BigDecimal amount = decimal(row.path("qty")).multiply(decimal(row.path("rate")));
            ((ObjectNode) row).put("amount", amount);
            net = net.add(amount);
        }
        BigDecimal taxes = BigDecimal.ZERO;
        for (JsonNode row : doc.path("taxes")) {
            taxes = taxes.add(decimal(row.path("tax_amount")));
        }
        doc.put("net_total", net).put("total_taxes_and_charges", taxes).put("grand_total", net.add(taxes));
    }

    static BigDecimal decimal(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
            return BigDecimal.ZERO;
        }
        return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText());
    }
}
