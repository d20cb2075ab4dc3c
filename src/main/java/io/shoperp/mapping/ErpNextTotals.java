package io.shoperp.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The grand total ERPNext will compute for a selling document built from item rows and "Actual" charges, following
 * erpnext/controllers/taxes_and_totals.py: each rate rounded to its precision, amount = rate x qty rounded, net
 * total = sum of amounts, each Actual tax_amount rounded, grand total = net total + charges. Rounded total is
 * disabled on the documents the mapping builds, so the grand total is what the customer owes.
 */
public final class ErpNextTotals {

    private ErpNextTotals() {
    }

    public static BigDecimal grandTotal(ObjectNode document) {
        return netTotal(document).add(chargesTotal(document));
    }

    private static BigDecimal netTotal(ObjectNode document) {
        BigDecimal net = Money.zero();
        for (JsonNode row : document.path("items")) {
            BigDecimal rate = round(row.path("rate").decimalValue());
            net = net.add(round(rate.multiply(row.path("qty").decimalValue())));
        }
        return net;
    }

    private static BigDecimal chargesTotal(ObjectNode document) {
        BigDecimal charges = Money.zero();
        for (JsonNode tax : document.path("taxes")) {
            if (!"Actual".equals(tax.path("charge_type").asText())) {
                throw new IllegalArgumentException("only Actual charges are modelled, not " + tax.path("charge_type"));
            }
            charges = charges.add(round(tax.path("tax_amount").decimalValue()));
        }
        return charges;
    }

    private static BigDecimal round(BigDecimal value) {
        return value.setScale(Money.SCALE, RoundingMode.HALF_UP);
    }
}
