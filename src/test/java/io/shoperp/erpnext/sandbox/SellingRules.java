package io.shoperp.erpnext.sandbox;

import static io.shoperp.erpnext.sandbox.DocumentRules.decimal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ERPNext's selling documents (Sales Order, Sales Invoice and its returns, Delivery Note and its returns): what
 * {@code validate} fills in and refuses, and what submit and cancel change. Each rule is a method naming the ERPNext
 * 15 function it copies (paths under apps/erpnext/erpnext/, or frappe/ for Frappe). Rules a setting switches read it
 * from {@link SandboxSettings}. Runs under the store's lock.
 */
final class SellingRules {

    static final String SALES_ORDER = "Sales Order";
    static final String SALES_INVOICE = "Sales Invoice";
    static final String DELIVERY_NOTE = "Delivery Note";
    static final List<String> DOCTYPES = List.of(SALES_ORDER, SALES_INVOICE, DELIVERY_NOTE);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final SandboxStore store;
    private final AdvanceRules advances;

    SellingRules(SandboxStore store) {
        this.store = store;
        this.advances = new AdvanceRules(store);
    }

    void validate(String doctype, ObjectNode doc) {
        boolean isReturn = isReturn(doc);
        if (!SALES_ORDER.equals(doctype)) {
            validatePostingTime(doc);
        }
        setMissingHeaderValues(doctype, doc);
        validatePartyAddress(doc);
        setMissingItemDetails(doc);
        setTaxesAndCharges(doc);
        validateForDuplicateItems(doctype, doc);
        switch (doctype) {
            case SALES_ORDER -> {
                requireDeliveryNotBeforeOrder(doc);
                requireWarehouseForStockItems(doc, "Delivery warehouse required for stock item ");
                validatePo(doc);
            }
            case SALES_INVOICE -> {
                validatePartyAccountCurrency(doc);
                if (!isReturn) {
                    requireDueNotBeforePosting(doc);
                }
                if (doc.path("update_stock").asInt() == 1) {
                    requireWarehouseForStockItems(doc, "Warehouse required for stock Item ");
                }
            }
            case DELIVERY_NOTE -> {
                requireWarehouseForStockItems(doc, "Warehouse required for stock Item ");
                if (!isReturn) {
                    requireNoOverDelivery(doc);
                }
            }
            default -> throw new IllegalArgumentException(doctype);
        }
        if (isReturn) {
            validateReturnAgainst(doctype, doc);
            validateReturnedItems(doctype, doc);
        } else {
            requirePositiveQuantities(doc);
        }
        calculateItemValues(doc);
        calculateTaxesAndTotals(doctype, doc);
        if (SALES_INVOICE.equals(doctype)) {
            advances.setAdvances(doc);
        }
    }

    void onSubmit(String doctype, ObjectNode doc) {
        switch (doctype) {
            case DELIVERY_NOTE -> {
                store.stock().move(doc, this::isStockItem, BigDecimal.ONE.negate(), allowNegativeStock());
                updateDeliveredQty(doc, BigDecimal.ONE);
                updateReturnedQty(doc, BigDecimal.ONE);
            }
            case SALES_INVOICE -> {
                if (doc.path("update_stock").asInt() == 1) {
                    store.stock().move(doc, this::isStockItem, BigDecimal.ONE.negate(), allowNegativeStock());
                }
                reduceOriginalOutstanding(doc, BigDecimal.ONE);
                advances.allocateOnSubmit(doc);
            }
            default -> { }
        }
    }

    void onCancel(String doctype, ObjectNode doc) {
        switch (doctype) {
            case DELIVERY_NOTE -> {
                store.stock().move(doc, this::isStockItem, BigDecimal.ONE, allowNegativeStock());
                updateDeliveredQty(doc, BigDecimal.ONE.negate());
                updateReturnedQty(doc, BigDecimal.ONE.negate());
            }
            case SALES_INVOICE -> {
                if (doc.path("update_stock").asInt() == 1) {
                    store.stock().move(doc, this::isStockItem, BigDecimal.ONE, allowNegativeStock());
                }
                reduceOriginalOutstanding(doc, BigDecimal.ONE.negate());
            }
            default -> { }
        }
    }

    /**
     * utilities/transaction_base.py validate_posting_time: without {@code set_posting_time} = 1 the posting date and
     * time become the server's now, whatever was sent. (A missing posting_time was already filled with the server's
     * time of day on insert: {@link DocumentRules#fillInsertDefaults}.)
     */
    private void validatePostingTime(ObjectNode doc) {
        if (doc.path("set_posting_time").asInt() != 1) {
            ZonedDateTime now = SandboxSettings.now(store);
            doc.put("posting_date", now.toLocalDate().toString()).put("posting_time", TIME.format(now));
        }
    }

    /**
     * controllers/accounts_controller.py set_missing_values and validate_conversion_rate: currency defaults to the
     * company's; a document in another currency needs an exchange rate (sent, or from a Currency Exchange record).
     * sales_invoice.py set_missing_values: debit_to defaults to the company's receivable account.
     */
    private void setMissingHeaderValues(String doctype, ObjectNode doc) {
        if (!SALES_ORDER.equals(doctype) && !doc.hasNonNull("is_return")) {
            doc.put("is_return", 0); // a Check field: 0 in the database when not sent
        }
        String companyCurrency = companyCurrency(doc.path("company").asText());
        if (doc.path("currency").asText().isBlank()) {
            doc.put("currency", companyCurrency);
        }
        String currency = doc.path("currency").asText();
        if (currency.equals(companyCurrency)) {
            doc.put("conversion_rate", BigDecimal.ONE);
        } else if (decimal(doc.path("conversion_rate")).signum() == 0) {
            BigDecimal rate = exchangeRate(currency, companyCurrency);
            if (rate == null) {
                throw FrappeError.validation("Exchange Rate is mandatory. Maybe Currency Exchange record is not created for "
                        + currency + " to " + companyCurrency + ".");
            }
            doc.put("conversion_rate", rate);
        }
        if (SALES_INVOICE.equals(doctype) && doc.path("debit_to").asText().isBlank()) {
            ObjectNode company = store.stored("Company", doc.path("company").asText());
            String receivable = company == null ? "" : company.path("default_receivable_account").asText();
            if (receivable.isBlank()) {
                throw new FrappeError(417, "AccountMissingError", "Debit To Account not found against Customer "
                        + doc.path("customer").asText());
            }
            doc.put("debit_to", receivable);
        }
    }

    /**
     * controllers/accounts_controller.py set_missing_item_details with stock/get_item_details.py get_item_details: a
     * row's missing fields are filled (description from the Item; price_list_rate from the Item Price of the
     * document's price list, 0 without one), item_tax_rate is always set from the Item's Item Tax Template for the
     * document's tax_category; get_price_list_rate / insert_item_price: with Stock Settings
     * auto_insert_price_list_rate_if_missing, a row with a rate creates the missing Item Price (and with
     * update_existing_price_list_rate overwrites it).
     */
    private void setMissingItemDetails(ObjectNode doc) {
        String priceList = doc.path("selling_price_list").asText();
        for (JsonNode value : doc.path("items")) {
            ObjectNode row = (ObjectNode) value;
            ObjectNode item = store.stored("Item", row.path("item_code").asText());
            if (item == null) {
                continue;
            }
            if (!row.hasNonNull("description")) {
                row.put("description", item.path("description").asText(item.path("item_name").asText()));
            }
            ObjectNode price = itemPrice(priceList, item.path("name").asText());
            boolean priceListInDocumentCurrency = priceList.isBlank() || doc.path("currency").asText()
                    .equals(priceListCurrency(priceList));
            if (priceListInDocumentCurrency && decimal(row.path("rate")).signum() != 0) {
                price = insertItemPrice(priceList, item.path("name").asText(), price, decimal(row.path("rate")));
            }
            if (!row.hasNonNull("price_list_rate")) {
                row.put("price_list_rate", price == null ? BigDecimal.ZERO : decimal(price.path("price_list_rate")));
            }
            if (!(isReturn(doc) && doc.hasNonNull("return_against")) || !row.hasNonNull("item_tax_rate")) {
                row.put("item_tax_rate", itemTaxRate(item, doc.path("tax_category").asText()));
            }
        }
    }

    private ObjectNode insertItemPrice(String priceList, String itemCode, ObjectNode existing, BigDecimal rate) {
        if (priceList.isBlank() || !SandboxSettings.flag(store, SandboxSettings.STOCK, "auto_insert_price_list_rate_if_missing")) {
            return existing;
        }
        if (existing == null) {
            return store.seed("Item Price", JsonNodeFactory.instance.objectNode().put("item_code", itemCode)
                    .put("price_list", priceList).put("price_list_rate", rate).put("selling", 1));
        }
        if (SandboxSettings.flag(store, SandboxSettings.STOCK, "update_existing_price_list_rate")) {
            existing.put("price_list_rate", rate);
        }
        return existing;
    }

    /** The Item Tax Template rates ({"account": rate}) as a JSON string, "{}" without a template for the category. */
    private String itemTaxRate(ObjectNode item, String taxCategory) {
        for (JsonNode tax : item.path("taxes")) {
            if (tax.path("tax_category").asText().equals(taxCategory)) {
                ObjectNode template = store.stored("Item Tax Template", tax.path("item_tax_template").asText());
                ObjectNode rates = JsonNodeFactory.instance.objectNode();
                if (template != null) {
                    template.path("taxes").forEach(row -> rates.put(row.path("tax_type").asText(),
                            decimal(row.path("tax_rate"))));
                }
                return rates.toString();
            }
        }
        return "{}";
    }

    /**
     * controllers/accounts_controller.py set_taxes_and_charges / append_taxes_from_item_tax_template: a document sent
     * without taxes gets one "On Net Total" row per account of its items' Item Tax Templates, when Accounts Settings
     * add_taxes_from_item_tax_template is on (its default). A document with any tax row is left alone.
     */
    private void setTaxesAndCharges(ObjectNode doc) {
        if (!doc.path("taxes").isEmpty()
                || !SandboxSettings.flag(store, SandboxSettings.ACCOUNTS, "add_taxes_from_item_tax_template")) {
            return;
        }
        Set<String> accounts = new LinkedHashSet<>();
        for (JsonNode row : doc.path("items")) {
            rates(row).fieldNames().forEachRemaining(accounts::add);
        }
        for (String account : accounts) {
            doc.withArray("taxes").addObject().put("charge_type", "On Net Total").put("account_head", account)
                    .put("rate", 0).put("description", account).put("set_by_item_tax_template", 1);
        }
    }

    /**
     * controllers/selling_controller.py validate_for_duplicate_items, unless Selling Settings allow_multiple_items:
     * two rows with the same key are refused. The key holds the description, so rows described differently are not
     * duplicates.
     */
    private void validateForDuplicateItems(String doctype, ObjectNode doc) {
        if (SandboxSettings.flag(store, SandboxSettings.SELLING, "allow_multiple_items")) {
            return;
        }
        Set<List<String>> seen = new HashSet<>();
        for (JsonNode row : doc.path("items")) {
            String item = row.path("item_code").asText();
            String description = row.path("description").asText();
            String against = switch (doctype) {
                case SALES_INVOICE -> first(row, "sales_order", "delivery_note");
                case DELIVERY_NOTE -> first(row, "against_sales_order", "against_sales_invoice");
                default -> "";
            };
            List<String> key = isStockItem(item)
                    ? List.of(item, description, row.path("warehouse").asText(), against, row.path("batch_no").asText())
                    : List.of(item, description, against);
            if (!seen.add(key)) {
                throw FrappeError.validation("Item <strong>" + item + "</strong> entered multiple times.<br><br>Please enable"
                        + " <strong>Allow Item to Be Added Multiple Times in a Transaction</strong> in Selling Settings to"
                        + " allow same item in multiple rows");
            }
        }
    }

    /**
     * selling/doctype/sales_order/sales_order.py validate_po: a second Sales Order of the same customer with the same
     * po_no is refused unless Selling Settings allow_against_multiple_purchase_orders. Cancelled ones do not count.
     */
    private void validatePo(ObjectNode order) {
        String poNo = order.path("po_no").asText();
        if (poNo.isBlank()
                || SandboxSettings.flag(store, SandboxSettings.SELLING, "allow_against_multiple_purchase_orders")) {
            return;
        }
        for (ObjectNode other : store.storedAll(SALES_ORDER)) {
            if (other.path("docstatus").asInt() < 2 && poNo.equals(other.path("po_no").asText())
                    && order.path("customer").asText().equals(other.path("customer").asText())
                    && !other.path("name").asText().equals(order.path("name").asText())) {
                throw FrappeError.validation("Sales Order " + other.path("name").asText() + " already exists against"
                        + " Customer's Purchase Order " + poNo + ". To allow multiple Sales Orders, Enable 'Allow Multiple"
                        + " Sales Orders Against a Customer's Purchase Order' in Selling Settings");
            }
        }
    }

    /**
     * controllers/accounts_controller.py validate_party_address: the billing and shipping Address must be linked to
     * the document's customer (a Dynamic Link row of the Address).
     */
    private void validatePartyAddress(ObjectNode doc) {
        requireAddressOfCustomer(doc, "customer_address", "Billing Address");
        requireAddressOfCustomer(doc, "shipping_address_name", "Shipping Address");
    }

    private void requireAddressOfCustomer(ObjectNode doc, String field, String label) {
        String address = doc.path(field).asText("");
        String customer = doc.path("customer").asText();
        ObjectNode stored = address.isBlank() ? null : store.stored("Address", address);
        if (stored != null && StreamSupport.stream(stored.path("links").spliterator(), false)
                .noneMatch(link -> "Customer".equals(link.path("link_doctype").asText())
                        && customer.equals(link.path("link_name").asText()))) {
            throw FrappeError.validation(label + " does not belong to the " + customer);
        }
    }

    /** selling/doctype/sales_order/sales_order.py validate_delivery_date. */
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

    /** accounts/party.py validate_due_date (skipped for returns). */
    private static void requireDueNotBeforePosting(ObjectNode invoice) {
        if (invoice.hasNonNull("due_date")
                && invoice.get("due_date").asText().compareTo(invoice.path("posting_date").asText()) < 0) {
            throw FrappeError.validation("Due Date cannot be before Posting / Supplier Invoice Date");
        }
    }

    /**
     * controllers/accounts_controller.py validate_party_account_currency: the receivable (debit_to) must be in the
     * invoice's currency unless Accounts Settings allow_multi_currency_invoices_against_single_party_account.
     */
    private void validatePartyAccountCurrency(ObjectNode invoice) {
        if (SandboxSettings.flag(store, SandboxSettings.ACCOUNTS,
                "allow_multi_currency_invoices_against_single_party_account")) {
            return;
        }
        String account = invoice.path("debit_to").asText();
        String accountCurrency = accountCurrency(account, invoice.path("company").asText());
        String currency = invoice.path("currency").asText();
        if (!accountCurrency.equals(currency)) {
            throw FrappeError.validation("Party Account " + account + " currency (" + accountCurrency
                    + ") and document currency (" + currency + ") should be same");
        }
    }

    private void requireWarehouseForStockItems(ObjectNode doc, String message) {
        if (doc.hasNonNull("set_warehouse")) {
            return;
        }
        for (JsonNode row : doc.path("items")) {
            if (isStockItem(row.path("item_code").asText()) && row.path("warehouse").asText().isBlank()) {
                throw FrappeError.validation(message + row.path("item_code").asText());
            }
        }
    }

    /**
     * controllers/status_updater.py validate_qty with the Delivery Note's updater on Sales Order Item delivered_qty:
     * rows delivered against a Sales Order row (so_detail) may not exceed its qty across submitted notes (returns
     * count negative).
     */
    private void requireNoOverDelivery(ObjectNode note) {
        for (JsonNode row : note.path("items")) {
            JsonNode orderRow = row(SALES_ORDER, row.path("against_sales_order").asText(), row.path("so_detail").asText());
            if (orderRow == null) {
                continue;
            }
            BigDecimal delivered = decimal(row.path("qty"));
            for (ObjectNode other : store.storedAll(DELIVERY_NOTE)) {
                if (other.path("docstatus").asInt() == 1 && !other.path("name").asText().equals(note.path("name").asText())) {
                    for (JsonNode otherRow : other.path("items")) {
                        if (orderRow.path("name").asText().equals(otherRow.path("so_detail").asText())) {
                            delivered = delivered.add(decimal(otherRow.path("qty")));
                        }
                    }
                }
            }
            BigDecimal ordered = decimal(orderRow.path("qty"));
            if (delivered.compareTo(ordered) > 0) {
                throw new FrappeError(417, "OverAllowanceError", "This document is over limit by Qty "
                        + delivered.subtract(ordered).toPlainString() + " for item " + row.path("item_code").asText()
                        + ". Are you making another Delivery Note against the same Sales Order Item?");
            }
        }
    }

    /** controllers/status_updater.py validate_qty: quantities of a document that is not a return are positive. */
    private static void requirePositiveQuantities(ObjectNode doc) {
        for (JsonNode row : doc.path("items")) {
            if (decimal(row.path("qty")).signum() < 0) {
                throw FrappeError.validation("For an item " + row.path("item_code").asText()
                        + ", quantity must be positive number");
            }
        }
    }

    /**
     * controllers/sales_and_purchase_return.py validate_return_against: the original exists, is not cancelled, has the
     * same customer; when it is submitted, the return is posted at or after it, has its exchange rate, and a return
     * Sales Invoice may move stock only when the original did.
     */
    private void validateReturnAgainst(String doctype, ObjectNode doc) {
        String originalName = doc.path("return_against").asText();
        ObjectNode original = store.stored(doctype, originalName);
        if (original == null) {
            throw FrappeError.validation("Invalid Return Against: " + originalName);
        }
        if (original.path("docstatus").asInt() == 2) {
            throw new FrappeError(417, "CancelledLinkError", "Cannot link cancelled document: " + originalName);
        }
        if (!original.path("customer").asText().equals(doc.path("customer").asText())) {
            throw FrappeError.validation("The Customer " + doc.path("customer").asText() + " does not match with the Customer "
                    + original.path("customer").asText() + " in the " + doctype + " " + originalName);
        }
        if (original.path("docstatus").asInt() != 1) {
            return;
        }
        if (postingTimestamp(doc).compareTo(postingTimestamp(original)) < 0) {
            throw FrappeError.validation("Posting timestamp must be after " + postingTimestamp(original));
        }
        if (SALES_INVOICE.equals(doctype) && doc.path("update_stock").asInt() == 1
                && original.path("update_stock").asInt() != 1) {
            throw FrappeError.validation("'Update Stock' can not be checked because items are not delivered via "
                    + originalName);
        }
        if (decimal(doc.path("conversion_rate")).compareTo(decimal(original.path("conversion_rate"))) != 0) {
            throw FrappeError.validation("Exchange Rate must be same as " + doctype + " " + originalName + " ("
                    + decimal(original.path("conversion_rate")).toPlainString() + ")");
        }
    }

    /**
     * controllers/sales_and_purchase_return.py validate_returned_items / validate_quantity: only rows naming the
     * original's row (sales_invoice_item, dn_detail) are checked: negative, at most what is left after earlier
     * submitted returns, and (unless the valuation method is Moving Average) at a rate not above the original's.
     * A row without the reference gets no check. status_updater.py validate_qty: no return row is positive.
     */
    private void validateReturnedItems(String doctype, ObjectNode doc) {
        String refField = SALES_INVOICE.equals(doctype) ? "sales_invoice_item" : "dn_detail";
        String originalName = doc.path("return_against").asText();
        boolean rateCapped = !"Moving Average".equals(SandboxSettings.text(store, SandboxSettings.STOCK, "valuation_method"));
        boolean anyReturned = false;
        Map<String, BigDecimal> returnedHere = new LinkedHashMap<>();
        for (JsonNode row : doc.path("items")) {
            String item = row.path("item_code").asText();
            BigDecimal qty = decimal(row.path("qty"));
            if (qty.signum() > 0) {
                throw FrappeError.validation("For an item " + item + ", quantity must be negative number");
            }
            anyReturned |= !item.isBlank();
            String ref = row.path(refField).asText();
            JsonNode originalRow = ref.isBlank() ? null : row(doctype, originalName, ref);
            if (originalRow == null) {
                continue;
            }
            BigDecimal left = decimal(originalRow.path("qty")).subtract(alreadyReturned(doctype, doc, refField, ref))
                    .subtract(returnedHere.getOrDefault(ref, BigDecimal.ZERO));
            if (left.signum() <= 0) {
                throw new FrappeError(417, "StockOverReturnError", "Item " + item + " has already been returned");
            }
            if (qty.negate().compareTo(left) > 0) {
                throw new FrappeError(417, "StockOverReturnError", "Row # " + row.path("idx").asText()
                        + ": Cannot return more than " + left.toPlainString() + " for Item " + item);
            }
            returnedHere.merge(ref, qty.negate(), BigDecimal::add);
            if (rateCapped && decimal(row.path("rate")).compareTo(decimal(originalRow.path("rate"))) > 0) {
                throw FrappeError.validation("Row # " + row.path("idx").asText() + ": Rate cannot be greater than the rate"
                        + " used in " + doctype + " " + originalName);
            }
        }
        if (!anyReturned) {
            throw FrappeError.validation("Atleast one item should be entered with negative quantity in return document");
        }
    }

    private BigDecimal alreadyReturned(String doctype, ObjectNode doc, String refField, String ref) {
        BigDecimal returned = BigDecimal.ZERO;
        for (ObjectNode other : store.storedAll(doctype)) {
            if (other.path("docstatus").asInt() == 1 && !other.path("name").asText().equals(doc.path("name").asText())
                    && doc.path("return_against").asText().equals(other.path("return_against").asText())) {
                for (JsonNode row : other.path("items")) {
                    if (ref.equals(row.path(refField).asText())) {
                        returned = returned.add(decimal(row.path("qty")).negate());
                    }
                }
            }
        }
        return returned;
    }

    /**
     * controllers/taxes_and_totals.py calculate_item_values: discount_percentage 100 makes the rate 0; a row with a
     * price_list_rate and no rate is priced from the list; amount = rate x qty (a qty-0 return row: -rate).
     */
    private void calculateItemValues(ObjectNode doc) {
        for (JsonNode value : doc.path("items")) {
            ObjectNode row = (ObjectNode) value;
            BigDecimal discount = decimal(row.path("discount_percentage"));
            BigDecimal priceListRate = decimal(row.path("price_list_rate"));
            if (discount.compareTo(BigDecimal.valueOf(100)) == 0) {
                row.put("rate", BigDecimal.ZERO.setScale(2));
            } else if (priceListRate.signum() != 0 && decimal(row.path("rate")).signum() == 0) {
                row.put("rate", money(priceListRate.multiply(BigDecimal.ONE.subtract(discount.movePointLeft(2)))));
            }
            BigDecimal rate = money(decimal(row.path("rate")));
            BigDecimal qty = decimal(row.path("qty"));
            row.put("amount", qty.signum() == 0 && isReturn(doc) ? rate.negate() : money(rate.multiply(qty)));
        }
    }

    /** taxes_and_totals.py set_item_wise_tax: item code -> [rate, amount], amounts of one item's rows summed. */
    private static void addItemWiseTax(ObjectNode itemWise, String itemCode, BigDecimal rate, BigDecimal amount) {
        JsonNode known = itemWise.path(itemCode);
        BigDecimal sum = known.isMissingNode() ? amount : decimal(known.get(1)).add(amount);
        itemWise.putArray(itemCode).add(rate).add(sum);
    }

    /**
     * controllers/taxes_and_totals.py calculate_taxes_and_totals: Actual rows keep their amount, On Net Total rows
     * take each item's rate for the account (item_tax_rate first); the grand total is rounded to whole units unless
     * the document's own disable_rounded_total (default: Global Defaults) says not to (is_rounded_total_disabled);
     * calculate_outstanding_amount: an invoice owes rounded_total or grand_total; a return with
     * update_outstanding_for_self 0 owes nothing itself. initialize_taxes / set_item_wise_tax: each row's
     * item_wise_tax_detail is ERPNext's own split (an Actual amount spread in proportion to net amounts) unless the
     * row says dont_recompute_tax, which keeps the detail sent.
     */
    private void calculateTaxesAndTotals(String doctype, ObjectNode doc) {
        BigDecimal net = BigDecimal.ZERO;
        for (JsonNode row : doc.path("items")) {
            net = net.add(decimal(row.path("amount")));
        }
        BigDecimal taxes = BigDecimal.ZERO;
        for (JsonNode value : doc.path("taxes")) {
            ObjectNode tax = (ObjectNode) value;
            ObjectNode itemWise = JsonNodeFactory.instance.objectNode();
            if ("On Net Total".equals(tax.path("charge_type").asText())) {
                BigDecimal amount = BigDecimal.ZERO;
                for (JsonNode row : doc.path("items")) {
                    JsonNode itemRate = rates(row).path(tax.path("account_head").asText());
                    BigDecimal rate = itemRate.isMissingNode() ? decimal(tax.path("rate")) : decimal(itemRate);
                    BigDecimal share = decimal(row.path("amount")).multiply(rate).movePointLeft(2);
                    addItemWiseTax(itemWise, row.path("item_code").asText(), rate, share);
                    amount = amount.add(share);
                }
                tax.put("tax_amount", money(amount));
            } else if (net.signum() != 0) {
                for (JsonNode row : doc.path("items")) {
                    addItemWiseTax(itemWise, row.path("item_code").asText(), BigDecimal.ZERO, decimal(tax.path("tax_amount"))
                            .multiply(decimal(row.path("amount"))).divide(net, 9, RoundingMode.HALF_UP));
                }
            }
            if (tax.path("dont_recompute_tax").asInt() != 1) {
                tax.put("item_wise_tax_detail", itemWise.toString());
            }
            taxes = taxes.add(money(decimal(tax.path("tax_amount"))));
        }
        BigDecimal grandTotal = net.add(taxes);
        doc.put("net_total", net).put("total_taxes_and_charges", taxes).put("grand_total", grandTotal);
        boolean roundingDisabled = doc.has("disable_rounded_total")
                ? doc.path("disable_rounded_total").asInt() == 1
                : SandboxSettings.flag(store, SandboxSettings.GLOBAL_DEFAULTS, "disable_rounded_total");
        BigDecimal owed = grandTotal;
        if (roundingDisabled) {
            doc.put("rounded_total", BigDecimal.ZERO).put("rounding_adjustment", BigDecimal.ZERO);
        } else {
            owed = grandTotal.setScale(0, RoundingMode.HALF_UP).setScale(2);
            doc.put("rounded_total", owed).put("rounding_adjustment", owed.subtract(grandTotal));
        }
        if (SALES_INVOICE.equals(doctype) && doc.path("docstatus").asInt() == 0) {
            boolean ownOutstanding = !isReturn(doc) || doc.path("update_outstanding_for_self").asInt(1) == 1;
            doc.put("outstanding_amount", ownOutstanding ? owed : BigDecimal.ZERO);
        }
    }

    /**
     * A credit note with update_outstanding_for_self 0 books against the original invoice (its GL entries'
     * against_voucher): the original owes that much less, and again as much more when the credit note is cancelled.
     */
    private void reduceOriginalOutstanding(ObjectNode creditNote, BigDecimal direction) {
        if (!isReturn(creditNote) || creditNote.path("update_outstanding_for_self").asInt(1) == 1) {
            return;
        }
        ObjectNode original = store.stored(SALES_INVOICE, creditNote.path("return_against").asText());
        BigDecimal owed = decimal(creditNote.path("rounded_total")).signum() != 0
                ? decimal(creditNote.path("rounded_total")) : decimal(creditNote.path("grand_total"));
        original.put("outstanding_amount", decimal(original.path("outstanding_amount")).add(owed.multiply(direction)));
    }

    /**
     * The Delivery Note's status updater (controllers/status_updater.py, stock/doctype/delivery_note/delivery_note.py
     * __init__): each row adds its qty (negative on a return) to the delivered_qty of the Sales Order row it names.
     */
    private void updateDeliveredQty(ObjectNode note, BigDecimal direction) {
        for (JsonNode row : note.path("items")) {
            JsonNode orderRow = row(SALES_ORDER, row.path("against_sales_order").asText(), row.path("so_detail").asText());
            if (orderRow != null) {
                BigDecimal qty = decimal(row.path("qty")).multiply(direction);
                ((ObjectNode) orderRow).put("delivered_qty", decimal(orderRow.path("delivered_qty")).add(qty));
                if (isReturn(note)) {
                    ((ObjectNode) orderRow).put("returned_qty", decimal(orderRow.path("returned_qty")).subtract(qty));
                }
            }
        }
    }

    /** A return Delivery Note's updater on the original's rows (dn_detail): returned_qty. */
    private void updateReturnedQty(ObjectNode note, BigDecimal direction) {
        if (!isReturn(note)) {
            return;
        }
        for (JsonNode row : note.path("items")) {
            JsonNode originalRow = row(DELIVERY_NOTE, note.path("return_against").asText(), row.path("dn_detail").asText());
            if (originalRow != null) {
                ((ObjectNode) originalRow).put("returned_qty", decimal(originalRow.path("returned_qty"))
                        .subtract(decimal(row.path("qty")).multiply(direction)));
            }
        }
    }

    /**
     * stock/stock_balance.py get_reserved_qty: what submitted Sales Orders still have to deliver, per item and
     * warehouse (less what came back on returns when Selling Settings dont_reserve_sales_order_qty_on_sales_return).
     */
    Map<StockBins.BinKey, BigDecimal> reservedBySalesOrders() {
        boolean returnsStayUnreserved = SandboxSettings.flag(store, SandboxSettings.SELLING,
                "dont_reserve_sales_order_qty_on_sales_return");
        Map<StockBins.BinKey, BigDecimal> reserved = new LinkedHashMap<>();
        for (ObjectNode order : store.storedAll(SALES_ORDER)) {
            if (order.path("docstatus").asInt() != 1 || "Closed".equals(order.path("status").asText())) {
                continue;
            }
            for (JsonNode row : order.path("items")) {
                String item = row.path("item_code").asText();
                if (!isStockItem(item)) {
                    continue;
                }
                BigDecimal open = decimal(row.path("qty")).subtract(decimal(row.path("delivered_qty")));
                if (returnsStayUnreserved) {
                    open = open.subtract(decimal(row.path("returned_qty")));
                }
                if (open.signum() > 0) {
                    String warehouse = row.path("warehouse").asText(order.path("set_warehouse").asText());
                    reserved.merge(new StockBins.BinKey(item, warehouse), open, BigDecimal::add);
                }
            }
        }
        return reserved;
    }

    private JsonNode row(String doctype, String name, String rowName) {
        ObjectNode doc = name.isBlank() ? null : store.stored(doctype, name);
        if (doc == null || rowName.isBlank()) {
            return null;
        }
        for (JsonNode row : doc.path("items")) {
            if (rowName.equals(row.path("name").asText())) {
                return row;
            }
        }
        return null;
    }

    private String companyCurrency(String company) {
        ObjectNode found = store.stored("Company", company);
        return found == null ? "" : found.path("default_currency").asText();
    }

    private String accountCurrency(String account, String company) {
        ObjectNode found = store.stored("Account", account);
        String currency = found == null ? "" : found.path("account_currency").asText();
        return currency.isBlank() ? companyCurrency(company) : currency;
    }

    /** The latest Currency Exchange record's rate for the pair (setup/utils.py get_exchange_rate, without its API). */
    private BigDecimal exchangeRate(String from, String to) {
        String latest = "";
        BigDecimal rate = null;
        for (ObjectNode exchange : store.storedAll("Currency Exchange")) {
            if (from.equals(exchange.path("from_currency").asText()) && to.equals(exchange.path("to_currency").asText())
                    && exchange.path("date").asText().compareTo(latest) >= 0) {
                latest = exchange.path("date").asText();
                rate = decimal(exchange.path("exchange_rate"));
            }
        }
        return rate;
    }

    private String priceListCurrency(String priceList) {
        ObjectNode found = store.stored("Price List", priceList);
        return found == null ? "" : found.path("currency").asText();
    }

    private ObjectNode itemPrice(String priceList, String itemCode) {
        for (ObjectNode price : store.storedAll("Item Price")) {
            if (priceList.equals(price.path("price_list").asText()) && itemCode.equals(price.path("item_code").asText())) {
                return price;
            }
        }
        return null;
    }

    private boolean allowNegativeStock() {
        return SandboxSettings.flag(store, SandboxSettings.STOCK, "allow_negative_stock");
    }

    boolean isStockItem(String itemCode) {
        ObjectNode item = store.stored("Item", itemCode);
        return item != null && item.path("is_stock_item").asInt(1) == 1;
    }

    private static JsonNode rates(JsonNode row) {
        String itemTaxRate = row.path("item_tax_rate").asText("{}");
        try {
            return DocumentRules.JSON.readTree(itemTaxRate.isBlank() ? "{}" : itemTaxRate);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw FrappeError.validation("Invalid item_tax_rate: " + itemTaxRate);
        }
    }

    /** "YYYY-MM-DD HH:MM:SS" of a document's posting_date and posting_time (00:00:00 when it has none). */
    static String postingTimestamp(JsonNode doc) {
        String time = doc.path("posting_time").asText();
        if (time.isBlank()) {
            time = "00:00:00";
        }
        return doc.path("posting_date").asText() + " " + (time.length() == 7 ? "0" + time : time);
    }

    private static boolean isReturn(JsonNode doc) {
        return doc.path("is_return").asInt() == 1;
    }

    private static String first(JsonNode row, String field, String fallback) {
        String value = row.path(field).asText();
        return value.isBlank() ? row.path(fallback).asText() : value;
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
