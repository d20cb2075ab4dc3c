package io.shoperp.erpnext.sandbox;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ERPNext's Bin: quantities per (item, warehouse). Only actual quantity moves today; reserved quantity is kept so
 * "available = actual - reserved" can be modelled when Sales Order reservations are needed.
 */
class StockBins {

    record BinKey(String itemCode, String warehouse) {
    }

    record Bin(BigDecimal actualQty, BigDecimal reservedQty) {

        static final Bin EMPTY = new Bin(BigDecimal.ZERO, BigDecimal.ZERO);

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
        bins.put(new BinKey(itemCode, warehouse), new Bin(qty, bin.reservedQty()));
    }

    void addActual(String itemCode, String warehouse, BigDecimal delta) {
        setActual(itemCode, warehouse, bin(itemCode, warehouse).actualQty().add(delta));
    }

    Map<BinKey, Bin> all() {
        return Map.copyOf(bins);
    }
}
