package io.shoperp.erpnext.sandbox;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a selling document or Payment Entry may name of a company (paths under apps/erpnext/erpnext/): everything
 * must be the document's company's. Runs under the store's lock.
 * <ul>
 * <li>Cost Centers: a row without one gets the document's, else the company's default (controllers/
 * accounts_controller.py set_missing_item_details, via erpnext.get_default_cost_center); one that is named must not
 * be a group and must belong to the company (accounts_controller.py validate_cost_center for tax rows,
 * validate_company_in_accounting_dimension for the header and item rows).</li>
 * <li>Warehouses of Delivery Notes and Sales Invoices: controllers/stock_controller.py validate_warehouse with
 * stock/utils.py validate_warehouse_company.</li>
 * <li>Accounts a Sales Invoice or Payment Entry books to: accounts/doctype/gl_entry/gl_entry.py validate_account,
 * checked here at validate rather than when the GL entries are made on submit (the bridge always submits).</li>
 * </ul>
 */
final class CompanyRules {

    private static final List<String> LEDGER_ACCOUNTS = List.of("debit_to", "paid_from", "paid_to");

    private CompanyRules() {
    }

    static void validate(SandboxStore store, String doctype, ObjectNode doc) {
        String company = doc.path("company").asText();
        validateCostCenters(store, doc, company);
        if (SellingRules.DELIVERY_NOTE.equals(doctype) || SellingRules.SALES_INVOICE.equals(doctype)) {
            for (JsonNode row : doc.path("items")) {
                requireOfCompany(store, "Warehouse", row.path("warehouse").asText(""), company,
                        "Warehouse %s does not belong to company %s");
            }
        }
        if (SellingRules.SALES_INVOICE.equals(doctype) || "Payment Entry".equals(doctype)) {
            String accountMessage = doctype + " " + doc.path("name").asText("new") + ": Account %s does not belong to Company %s";
            LEDGER_ACCOUNTS.forEach(field -> requireOfCompany(store, "Account", doc.path(field).asText(""), company,
                    accountMessage));
            doc.path("taxes").forEach(tax -> requireOfCompany(store, "Account", tax.path("account_head").asText(""),
                    company, accountMessage));
        }
    }

    private static void validateCostCenters(SandboxStore store, ObjectNode doc, String company) {
        ObjectNode companyDoc = store.stored("Company", company);
        String fallback = doc.path("cost_center").asText("");
        if (fallback.isBlank() && companyDoc != null) {
            fallback = companyDoc.path("cost_center").asText("");
        }
        requireCostCenter(store, doc.path("cost_center").asText(""), company, "");
        int idx = 1;
        for (JsonNode value : doc.path("items")) {
            ObjectNode row = (ObjectNode) value;
            if (row.path("cost_center").asText("").isBlank() && !fallback.isBlank()) {
                row.put("cost_center", fallback);
            }
            requireCostCenter(store, row.path("cost_center").asText(""), company, "Row " + idx++ + ": ");
        }
        idx = 1;
        for (JsonNode tax : doc.path("taxes")) {
            requireCostCenter(store, tax.path("cost_center").asText(""), company, "Row " + idx++ + ": ");
        }
    }

    private static void requireCostCenter(SandboxStore store, String costCenter, String company, String row) {
        if (costCenter.isBlank()) {
            return;
        }
        ObjectNode found = store.stored("Cost Center", costCenter);
        if (found != null && found.path("is_group").asInt() == 1) {
            throw FrappeError.validation(row + "Cost Center " + costCenter
                    + " is a group cost center and group cost centers cannot be used in transactions");
        }
        requireOfCompany(store, "Cost Center", costCenter, company, row + "Cost Center %s does not belong to Company %s");
    }

    /** A named master of the doctype must exist (LinkValidationError) and belong to the company. */
    private static void requireOfCompany(SandboxStore store, String doctype, String name, String company, String message) {
        if (name.isBlank()) {
            return;
        }
        ObjectNode found = store.stored(doctype, name);
        if (found == null) {
            throw FrappeError.linkValidation(doctype, name);
        }
        String owner = found.path("company").asText("");
        if (!owner.isBlank() && !owner.equals(company)) {
            throw FrappeError.validation(String.format(message, name, company));
        }
    }
}
