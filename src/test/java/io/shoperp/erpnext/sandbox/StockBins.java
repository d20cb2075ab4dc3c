package io.shoperp.erpnext.sandbox;

import static io.shoperp.erpnext.sandbox.DocumentRules.decimal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ERPNext's Bin: quantities per (item, warehouse). Actual quantity and valuation rate move with stock documents;
 * reserved quantity is what submitted Sales Orders still have to deliver (computed by {@link SellingRules}) plus what
 * a test sets here, so "available = actual - reserved" is modelled. Stock has no timestamps: a back-dated document is
 * checked against the stock of now (see docs/erpnext-sandbox.md).
 */
class StockBins {

    record BinKey(String itemCode, String warehouse) {
    }

    /** valuationRate null: the item never had stock with a valuation in this warehouse. */
    record Bin(BigDecimal actualQty, BigDecimal reservedQty, BigDecimal valuationRate) {

        static final Bin EMPTY = new Bin(BigDecimal.ZERO, BigDecimal.ZERO, null);

        BigDecimal availableQty() {
            return actualQty.subtract(reservedQty);
        }
    }

    private final Map<BinKey, Bin> bins = new LinkedHashMap<>();

    Bin bin(String itemCode, String warehouse) {
        return bins.getOrDefault(new BinKey(itemCode, warehouse), Bin.EMPTY);
    }

    void setActual(String itemCode, String warehouse, BigDecimal qty) {
        Bin bin = bin(itemCode, warehouse);
        bins.put(new BinKey(itemCode, warehouse), new Bin(qty, bin.reservedQty(), bin.valuationRate()));
    }

    void setValuationRate(String itemCode, String warehouse, BigDecimal rate) {
        Bin bin = bin(itemCode, warehouse);
        bins.put(new BinKey(itemCode, warehouse), new Bin(bin.actualQty(), bin.reservedQty(), rate));
    }

    /** The reserved quantity a test sets on top of what Sales Orders reserve. */
    void setReserved(String itemCode, String warehouse, BigDecimal qty) {
        Bin bin = bin(itemCode, warehouse);
        bins.put(new BinKey(itemCode, warehouse), new Bin(bin.actualQty(), qty, bin.valuationRate()));
    }

    void addActual(String itemCode, String warehouse, BigDecimal delta) {
        setActual(itemCode, warehouse, bin(itemCode, warehouse).actualQty().add(delta));
    }

    Map<BinKey, Bin> all() {
        return Map.copyOf(bins);
    }

    /**
     * stock/stock_ledger.py: stock of each row's item leaves (direction -1) or comes back (+1) by its qty, so a
     * return's negative qty adds stock. validate_negative_stock: all rows are checked before any bin changes, so a
     * NegativeStockError (unless Stock Settings allow_negative_stock) leaves stock untouched.
     */
    void move(ObjectNode doc, Predicate<String> stockItem, BigDecimal direction, boolean allowNegative) {
        Map<BinKey, BigDecimal> deltas = new LinkedHashMap<>();
        for (JsonNode row : doc.path("items")) {
            String item = row.path("item_code").asText();
            if (stockItem.test(item)) {
                String warehouse = row.path("warehouse").asText(doc.path("set_warehouse").asText());
                deltas.merge(new BinKey(item, warehouse), decimal(row.path("qty")).multiply(direction), BigDecimal::add);
            }
        }
        deltas.forEach((key, delta) -> {
            BigDecimal after = bin(key.itemCode(), key.warehouse()).actualQty().add(delta);
            if (after.signum() < 0 && !allowNegative) {
                throw new FrappeError(417, "NegativeStockError", after.negate().toPlainString() + " units of Item "
                        + key.itemCode() + " needed in Warehouse " + key.warehouse() + " to complete this transaction.");
            }
        });
        deltas.forEach((key, delta) -> addActual(key.itemCode(), key.warehouse(), delta));
    }
}
