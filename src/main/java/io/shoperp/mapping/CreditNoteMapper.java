package io.shoperp.mapping;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.shopify.ShopifyRefund;

/**
 * The credit note of a Shopify refund: a submitted return Sales Invoice against the order's invoice, keyed by
 * {@code shopify_invoice_key} = {@code refund:<refund id>} (prefixed because the same unique field holds order ids).
 * <ul>
 * <li>Each refunded line is returned at its net per-unit rate: the refund line's subtotal, less its tax when prices
 * include tax, split like Sales Order rows when it does not divide into cents. Each portion names the invoice row it
 * returns ({@code sales_invoice_item}, as ERPNext's own returns do): the row of that line with quantity left after
 * earlier credit notes whose rate is the lowest one not below the portion's (ERPNext refuses a return above the
 * original rate: sales_and_purchase_return.py validate_returned_items). What fits no row is returned unlinked, which
 * ERPNext accepts without those checks, so the amount stays Shopify's to the cent.</li>
 * <li>The line's total_tax is shared over its tax titles in proportion to the line's tax lines, one negative
 * Actual row per title on its account.</li>
 * <li>Order adjustments are Actual charges as Shopify signs them (money given back is negative): shipping refunds on
 * {@code erpnext.shipping-account}, other kinds on {@code erpnext.tax-accounts."<kind>"} (e.g.
 * {@code "refund_discrepancy"}); an adjustment's tax on {@code erpnext.tax-accounts."<kind> tax"}, as it carries no
 * tax title. Both fall back to {@code erpnext.default-tax-account}.</li>
 * <li>It moves no stock ({@code update_stock} 0, as its invoice): ERPNext refuses a stock-moving return against an
 * invoice that moved none. Goods that come back return on a return Delivery Note (written by the sync package's ReturnDeliveries).</li>
 * </ul>
 * The grand total is minus what the refund gives back: lines and their tax, plus the adjustments.
 */
public class CreditNoteMapper {

    private final ErpNextMappingProperties mapping;

    public CreditNoteMapper(ErpNextMappingProperties mapping) {
        this.mapping = mapping;
    }

    public static String creditNoteKey(long refundId) {
        return "refund:" + refundId;
    }

    /**
     * @param salesInvoice        the order's submitted Sales Invoice as ERPNext returned it
     * @param earlierCreditNotes  the submitted credit notes already made against it, as ERPNext returned them
     * @param taxesIncluded       the order's {@code taxes_included} (a refund does not repeat it)
     */
    public ObjectNode map(ShopifyRefund refund, ObjectNode salesInvoice, List<ObjectNode> earlierCreditNotes,
                          boolean taxesIncluded) {
        List<ShopifyRefund.RefundLineItem> lines = refund.refundLineItems().stream()
                .filter(line -> line.quantity() > 0).toList();
        OrderDates.Posting posting = OrderDates.Posting.of(refund.effectiveAt()).notBefore(salesInvoice);
        ObjectNode creditNote = OrderDocuments.followingDocument(OrderDocuments.SALES_INVOICE, salesInvoice, posting, mapping)
                .put("due_date", posting.date())
                .put("is_return", 1)
                .put("return_against", OrderDocuments.text(salesInvoice, "name"))
                .put("update_outstanding_for_self", 1)
                .put("update_stock", 0)
                .put("shopify_invoice_key", creditNoteKey(refund.id()));
        if (salesInvoice.hasNonNull("debit_to")) {
            creditNote.put("debit_to", salesInvoice.get("debit_to").asText());
        }
        creditNote.set("items", itemRows(lines, salesInvoice, earlierCreditNotes, taxesIncluded));
        creditNote.set("taxes", chargeRows(refund.orderAdjustments(), lines, OrderDocuments.costCenterOf(salesInvoice)));
        return creditNote;
    }

    private ArrayNode itemRows(List<ShopifyRefund.RefundLineItem> lines, ObjectNode salesInvoice,
                               List<ObjectNode> earlierCreditNotes, boolean taxesIncluded) {
        ArrayNode rows = ErpNextClient.objectMapper().createArrayNode();
        Map<String, BigDecimal> returnable = returnableByInvoiceRow(salesInvoice, earlierCreditNotes);
        for (ShopifyRefund.RefundLineItem line : lines) {
            String what = "refund line item " + line.id();
            BigDecimal subtotal = Money.exact(line.subtotal(), what + " subtotal");
            BigDecimal net = taxesIncluded ? subtotal.subtract(Money.exact(line.totalTax(), what + " tax")) : subtotal;
            List<JsonNode> invoiceRows = OrderDocuments.rowsOfLine(salesInvoice, line.lineItemId());
            for (Money.Portion portion : Money.perUnit(net, line.quantity())) {
                int units = portion.quantity();
                while (units > 0) {
                    Optional<JsonNode> fit = bestFit(invoiceRows, returnable, portion.rate());
                    if (fit.isEmpty()) {
                        unlinkedRow(rows, line, invoiceRows, units, portion.rate());
                        break;
                    }
                    String rowName = fit.get().path("name").asText();
                    int taken = Math.min(units, returnable.get(rowName).intValue());
                    returnable.merge(rowName, BigDecimal.valueOf(-taken), BigDecimal::add);
                    SellingRows.copyOf(rows, fit.get(), BigDecimal.valueOf(-taken))
                            .put("rate", portion.rate())
                            .put("warehouse", fit.get().path("warehouse").asText())
                            .put("sales_invoice_item", rowName)
                            .put("sales_order", fit.get().path("sales_order").asText())
                            .put("so_detail", fit.get().path("so_detail").asText());
                    units -= taken;
                }
            }
        }
        if (rows.isEmpty()) {
            // ERPNext needs an item row; a refund of adjustments only returns nothing: quantity and rate 0.
            JsonNode first = salesInvoice.path("items").path(0);
            rows.addObject()
                    .put("item_code", OrderDocuments.text(first, "item_code"))
                    .put("description", "Refund of charges only")
                    .put("qty", 0)
                    .put("rate", Money.zero())
                    .put("warehouse", first.path("warehouse").asText());
        }
        return SellingRows.finish(rows);
    }

    /** {@code invoiceRows}: the invoice rows of the line, whose warehouse the return keeps. */
    private void unlinkedRow(ArrayNode rows, ShopifyRefund.RefundLineItem line, List<JsonNode> invoiceRows, int units,
                             BigDecimal rate) {
        String itemCode = ItemCodes.forLineItem(line.lineItem());
        rows.addObject()
                .put("item_code", itemCode)
                .put("description", ItemMapper.itemName(line.lineItem().title(), line.lineItem().variantTitle(), itemCode))
                .put("qty", -units)
                .put("rate", rate)
                .put("warehouse", invoiceRows.stream().findFirst()
                        .map(row -> row.path("warehouse").asText()).orElse(mapping.warehouseFor(line.locationId())))
                .put(SalesOrderMapper.LINE_ITEM_FIELD, line.lineItemId().toString());
    }

    /** Each invoice row's quantity less what submitted credit notes returned of it. */
    private static Map<String, BigDecimal> returnableByInvoiceRow(ObjectNode salesInvoice, List<ObjectNode> earlier) {
        Map<String, BigDecimal> returnable = new HashMap<>();
        salesInvoice.path("items").forEach(row -> returnable.put(row.path("name").asText(), row.path("qty").decimalValue()));
        earlier.forEach(creditNote -> creditNote.path("items").forEach(row -> returnable.computeIfPresent(
                row.path("sales_invoice_item").asText(), (name, left) -> left.add(row.path("qty").decimalValue()))));
        return returnable;
    }

    /** The row with quantity left whose rate is the lowest one not below {@code rate}. */
    private static Optional<JsonNode> bestFit(List<JsonNode> rows, Map<String, BigDecimal> returnable, BigDecimal rate) {
        return rows.stream()
                .filter(row -> returnable.get(row.path("name").asText()).signum() > 0)
                .filter(row -> row.path("rate").decimalValue().compareTo(rate) >= 0)
                .min(Comparator.comparing(row -> row.path("rate").decimalValue()));
    }

    private ArrayNode chargeRows(List<ShopifyRefund.OrderAdjustment> adjustments, List<ShopifyRefund.RefundLineItem> lines,
                                 String costCenter) {
        SalesTaxRows charges = new SalesTaxRows(mapping, costCenter);
        for (ShopifyRefund.RefundLineItem line : lines) {
            List<ShopifyOrder.TaxLine> taxLines = line.lineItem().taxLines();
            BigDecimal totalTax = Money.exact(line.totalTax(), "refund line item " + line.id() + " tax");
            if (taxLines.isEmpty()) {
                if (totalTax.signum() != 0) {
                    throw new UnprocessableEventException("refund line item " + line.id() + " refunds tax " + totalTax
                            + " but its line item has no tax lines to name the tax");
                }
                continue;
            }
            List<BigDecimal> shares = Money.apportion(totalTax, taxLines.stream().map(ShopifyOrder.TaxLine::price).toList());
            for (int i = 0; i < taxLines.size(); i++) {
                charges.addItemTax(taxLines.get(i).title(), ItemCodes.forLineItem(line.lineItem()),
                        taxLines.get(i).rate(), shares.get(i).negate());
            }
        }
        for (ShopifyRefund.OrderAdjustment adjustment : adjustments) {
            String kind = String.valueOf(adjustment.kind());
            String account = "shipping_refund".equals(kind) ? mapping.shippingAccount() : mapping.taxAccountFor(kind);
            String description = adjustment.reason() == null || adjustment.reason().isBlank() ? kind : adjustment.reason();
            charges.addCharge(account, description, adjustment.amount());
            if (adjustment.taxAmount().signum() != 0) {
                charges.addCharge(mapping.taxAccountFor(kind + " tax"), description + " (tax)", adjustment.taxAmount());
            }
        }
        return charges.toRows();
    }
}
