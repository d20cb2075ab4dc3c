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
 * <p>
 * A tax row that knows which lines carried it holds that split in {@code item_wise_tax_detail} (item code ->
 * [rate %, amount], as taxes_and_totals.py set_item_wise_tax writes it; shipping's share under "Shipping"), with
 * {@code dont_recompute_tax} set: otherwise ERPNext replaces the detail by its own spread of an Actual amount in
 * proportion to net amounts (initialize_taxes), and itemised tax reports would not show Shopify's per-line taxes.
 * Every row carries the document's Cost Center when one is given.
 */
public final class SalesTaxRows {

    /** The item_wise_tax_detail key of the tax charged on shipping, which has no item row. */
    static final String SHIPPING_DETAIL = "Shipping";

    private final ErpNextMappingProperties mapping;
    private final String costCenter;
    private final Map<String, TitleTax> taxByTitle = new LinkedHashMap<>();
    private final Map<Charge, BigDecimal> charges = new LinkedHashMap<>();

    private record Charge(String account, String description) {
    }

    /** One tax title's total and, when known, its split by item: item code -> [rate %, amount]. */
    private static final class TitleTax {
        private BigDecimal amount = Money.zero();
        private final Map<String, BigDecimal[]> byItem = new LinkedHashMap<>();
    }

    /** @param costCenter the Cost Center of every row, or null for ERPNext's default */
    SalesTaxRows(ErpNextMappingProperties mapping, String costCenter) {
        this.mapping = mapping;
        this.costCenter = costCenter;
    }

    /** A tax whose split over lines is not known (a refund's share of it, for one): ERPNext spreads it. */
    SalesTaxRows addTax(String title, BigDecimal amount) {
        title(title).amount = title(title).amount.add(Money.exact(amount, "tax \"" + title + "\""));
        return this;
    }

    /**
     * A tax charged on one item (or on shipping: {@link #SHIPPING_DETAIL}) at {@code rate} (Shopify's fraction,
     * 0.19), recorded in the row's item-wise detail.
     */
    SalesTaxRows addItemTax(String title, String itemKey, BigDecimal rate, BigDecimal amount) {
        addTax(title, amount);
        BigDecimal percent = rate == null ? BigDecimal.ZERO : rate.movePointRight(2).stripTrailingZeros();
        title(title).byItem.merge(itemKey, new BigDecimal[] {percent, Money.exact(amount, "tax \"" + title + "\"")},
                (known, more) -> new BigDecimal[] {known[0], known[1].add(more[1])});
        return this;
    }

    SalesTaxRows addCharge(String account, String description, BigDecimal amount) {
        charges.merge(new Charge(account, description), Money.exact(amount, description), BigDecimal::add);
        return this;
    }

    private TitleTax title(String title) {
        return taxByTitle.computeIfAbsent(title, t -> new TitleTax());
    }

    /**
     * @throws UnprocessableEventException naming {@code erpnext.tax-accounts."<title>"} for a title without an account, or
     *                          {@code erpnext.default-tax-account} for the zero row of a document without taxes
     */
    ArrayNode toRows() {
        ArrayNode rows = ErpNextClient.objectMapper().createArrayNode();
        taxByTitle.forEach((title, tax) -> {
            String account = mapping.taxAccountFor(title);
            if (tax.amount.signum() != 0) {
                ObjectNode row = addRow(rows, account, title, tax.amount);
                if (!tax.byItem.isEmpty()) {
                    ObjectNode detail = ErpNextClient.objectMapper().createObjectNode();
                    tax.byItem.forEach((item, rateAndAmount) -> detail.putArray(item)
                            .add(rateAndAmount[0]).add(rateAndAmount[1]));
                    row.put("item_wise_tax_detail", detail.toString()).put("dont_recompute_tax", 1);
                }
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

    private ObjectNode addRow(ArrayNode rows, String account, String description, BigDecimal amount) {
        ObjectNode row = rows.addObject()
                .put("charge_type", "Actual")
                .put("account_head", account)
                .put("description", description);
        row.put("tax_amount", amount);
        if (costCenter != null) {
            row.put("cost_center", costCenter);
        }
        return row;
    }
}
