package io.shoperp.erpnext.sandbox;

import static io.shoperp.erpnext.sandbox.DocumentRules.decimal;

import java.math.BigDecimal;
import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ERPNext's Stock Reconciliation (stock/doctype/stock_reconciliation/stock_reconciliation.py): each row sets an
 * item's actual quantity (and valuation) at its warehouse. Runs under the store's lock.
 */
final class StockReconciliationRules {

    private final SandboxStore store;
    private final SellingRules selling;

    StockReconciliationRules(SandboxStore store, SellingRules selling) {
        this.store = store;
        this.selling = selling;
    }

    void validate(ObjectNode reconciliation) {
        removeItemsWithNoChange(reconciliation);
        int idx = 1;
        for (JsonNode value : reconciliation.path("items")) {
            validateRow((ObjectNode) value, idx++);
        }
    }

    /** update_stock_ledger: rows take effect; one that adds stock without any valuation is refused. */
    void onSubmit(ObjectNode reconciliation) {
        int idx = 1;
        for (JsonNode row : reconciliation.path("items")) {
            String item = row.path("item_code").asText();
            String warehouse = row.path("warehouse").asText();
            BigDecimal qty = decimal(row.path("qty"));
            boolean valued = row.hasNonNull("valuation_rate") || row.path("allow_zero_valuation_rate").asInt() == 1;
            if (qty.signum() > 0 && !valued) {
                throw FrappeError.validation("Valuation Rate required for Item " + item + " at row " + idx);
            }
            store.stock().setActual(item, warehouse, qty);
            if (row.hasNonNull("valuation_rate")) {
                store.stock().setValuationRate(item, warehouse, decimal(row.path("valuation_rate")));
            }
            idx++;
        }
    }

    /**
     * remove_items_with_no_change: a row whose qty (and valuation_rate, when sent) equal the stock of now is dropped;
     * none left is an EmptyStockReconciliationItemsError.
     */
    private void removeItemsWithNoChange(ObjectNode reconciliation) {
        for (Iterator<JsonNode> rows = reconciliation.withArray("items").elements(); rows.hasNext(); ) {
            JsonNode row = rows.next();
            StockBins.Bin bin = store.stock().bin(row.path("item_code").asText(), row.path("warehouse").asText());
            boolean sameQty = !row.hasNonNull("qty") || decimal(row.path("qty")).compareTo(bin.actualQty()) == 0;
            boolean sameRate = !row.hasNonNull("valuation_rate") || bin.valuationRate() != null
                    && decimal(row.path("valuation_rate")).compareTo(bin.valuationRate()) == 0;
            if (sameQty && sameRate) {
                rows.remove();
            }
        }
        if (reconciliation.path("items").isEmpty()) {
            throw new FrappeError(417, "EmptyStockReconciliationItemsError",
                    "None of the items have any change in quantity or value.");
        }
    }

    /**
     * validate_data: a stock item, no negative quantity; a missing valuation_rate is taken from the item's stock in
     * that warehouse, else from the Item's valuation_rate.
     */
    private void validateRow(ObjectNode row, int idx) {
        String item = row.path("item_code").asText();
        if (!selling.isStockItem(item)) {
            throw FrappeError.validation("Row # " + idx + ": Item " + item + " is not a stock Item");
        }
        if (decimal(row.path("qty")).signum() < 0) {
            throw FrappeError.validation("Row # " + idx + ": Negative Quantity is not allowed");
        }
        if (!row.hasNonNull("valuation_rate")) {
            BigDecimal binRate = store.stock().bin(item, row.path("warehouse").asText()).valuationRate();
            ObjectNode itemDoc = store.stored("Item", item);
            if (binRate != null) {
                row.put("valuation_rate", binRate);
            } else if (itemDoc != null && decimal(itemDoc.path("valuation_rate")).signum() > 0) {
                row.put("valuation_rate", decimal(itemDoc.path("valuation_rate")));
            }
        }
    }
}
