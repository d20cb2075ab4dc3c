package io.shoperp.erpnext.sandbox;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ERPNext's Bin: quantities per (item, warehouse). Actual quantity moves with stock documents; reserved quantity is
 * set by tests (ERPNext raises it when a Sales Order is submitted), so "available = actual - reserved" is modelled.
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

    void setReserved(String itemCode, String warehouse, BigDecimal qty) {
        Bin bin = bin(itemCode, warehouse);
        bins.put(new BinKey(itemCode, warehouse), new Bin(bin.actualQty(), qty));
    }

    void addActual(String itemCode, String warehouse, BigDecimal delta) {
        setActual(itemCode, warehouse, bin(itemCode, warehouse).actualQty().add(delta));
    }

    Map<BinKey, Bin> all() {
        return Map.copyOf(bins);
    }
}
