package io.shoperp.mapping;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.inbox.UnprocessableEventException;

/**
 * The "Actual" charge rows of a selling document: one row per Shopify tax title on its mapped account (amounts
 * summed over every line and shipping line that carries the title), then the other charges (shipping, refund
 * adjustments) in the order they were added. Zero amounts add no row; a document left without any row gets one
 * zero row on {@code erpnext.default-tax-account}, because ERPNext fills an empty taxes table from the items' Item Tax
 * Templates (accounts_controller.py set_taxes_and_charges) and would tax what Shopify did not.
 */
public final class SalesTaxRows {

    private final ErpNextMappingProperties mapping;
    private final Map<String, BigDecimal> taxByTitle = new LinkedHashMap<>();
    private final Map<Charge, BigDecimal> charges = new LinkedHashMap<>();

    private record Charge(String account, String description) {
    }

    SalesTaxRows(ErpNextMappingProperties mapping) {
        this.mapping = mapping;
    }

    SalesTaxRows addTax(String title, BigDecimal amount) {
        taxByTitle.merge(title, Money.exact(amount, "tax \"" + title + "\""), BigDecimal::add);
        return this;
    }

    SalesTaxRows addCharge(String account, String description, BigDecimal amount) {
        charges.merge(new Charge(account, description), Money.exact(amount, description), BigDecimal::add);
        return this;
    }

    /**
     * @throws UnprocessableEventException naming {@code erpnext.tax-accounts."<title>"} for a title without an account, or
     *                          {@code erpnext.default-tax-account} for the zero row of a document without taxes
     */
    ArrayNode toRows() {
        ArrayNode rows = ErpNextClient.objectMapper().createArrayNode();
        taxByTitle.forEach((title, amount) -> {
            String account = mapping.taxAccountFor(title);
            if (amount.signum() != 0) {
                addRow(rows, account, title, amount);
            }
        });
        charges.forEach((charge, amount) -> {
            if (amount.signum() != 0) {
                addRow(rows, charge.account(), charge.description(), amount);
            }
        });
        if (rows.isEmpty()) {
            addRow(rows, mapping.noTaxAccount(), "No tax", Money.zero());
        }
        return rows;
    }

    private static void addRow(ArrayNode rows, String account, String description, BigDecimal amount) {
        ObjectNode row = rows.addObject()
                .put("charge_type", "Actual")
                .put("account_head", account)
                .put("description", description);
        row.put("tax_amount", amount);
    }
}
