package io.shoperp.mapping;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.shopify.ShopifyRefund;

/**
 * The credit note of a Shopify refund: a submitted return Sales Invoice against the order's invoice, keyed by
 * {@code shopify_invoice_key} = {@code refund:<refund id>} (prefixed because the same unique field holds order ids).
 * <ul>
 * <li>Each refunded line is a row with negative qty at its net per-unit rate: the refund line's subtotal, less its
 * tax when prices include tax, split like Sales Order rows when it does not divide into cents.</li>
 * <li>The line's total_tax is shared over its tax titles in proportion to the line's tax lines, one negative
 * Actual row per title on its account.</li>
 * <li>Order adjustments are Actual charges as Shopify signs them (money given back is negative): shipping refunds on
 * {@code erpnext.shipping-account}, other kinds on {@code erpnext.tax-accounts."<kind>"} (e.g.
 * {@code "refund_discrepancy"}); an adjustment's tax on {@code erpnext.tax-accounts."<kind> tax"}, as it carries no
 * tax title. Both fall back to {@code erpnext.default-tax-account}.</li>
 * <li>Stock comes back ({@code update_stock} 1, into the refund line's location warehouse) when the lines are
 * restocked (return, cancel); a refund that restocks some lines and not others cannot be one document.</li>
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
     * @param salesInvoice  the order's submitted Sales Invoice as ERPNext returned it
     * @param taxesIncluded the order's {@code taxes_included} (a refund does not repeat it)
     */
    public ObjectNode map(ShopifyRefund refund, ObjectNode salesInvoice, boolean taxesIncluded) {
        List<ShopifyRefund.RefundLineItem> lines = refund.refundLineItems().stream()
                .filter(line -> line.quantity() > 0).toList();
        String date = OrderDates.utcDate(refund.effectiveAt());
        ObjectNode creditNote = OrderDocuments.followingDocument(salesInvoice, date)
                .put("due_date", date)
                .put("is_return", 1)
                .put("return_against", OrderDocuments.text(salesInvoice, "name"))
                .put("update_outstanding_for_self", 1)
                .put("update_stock", restocks(refund, lines) ? 1 : 0)
                .put("shopify_invoice_key", creditNoteKey(refund.id()));
        creditNote.set("items", itemRows(lines, salesInvoice, taxesIncluded));
        creditNote.set("taxes", chargeRows(refund.orderAdjustments(), lines));
        return creditNote;
    }

    private static boolean restocks(ShopifyRefund refund, List<ShopifyRefund.RefundLineItem> lines) {
        long restocked = lines.stream().filter(ShopifyRefund.RefundLineItem::restocks).count();
        if (restocked > 0 && restocked < lines.size()) {
            throw new MappingException("refund " + refund.id() + " restocks some lines and not others:"
                    + " one credit note cannot both return stock and not");
        }
        return restocked > 0;
    }

    private ArrayNode itemRows(List<ShopifyRefund.RefundLineItem> lines, ObjectNode salesInvoice, boolean taxesIncluded) {
        ArrayNode rows = ErpNextClient.objectMapper().createArrayNode();
        for (ShopifyRefund.RefundLineItem line : lines) {
            String what = "refund line item " + line.id();
            BigDecimal subtotal = Money.exact(line.subtotal(), what + " subtotal");
            BigDecimal net = taxesIncluded ? subtotal.subtract(Money.exact(line.totalTax(), what + " tax")) : subtotal;
            String warehouse = mapping.warehouseFor(line.locationId());
            for (Money.Portion portion : Money.perUnit(net, line.quantity())) {
                rows.addObject()
                        .put("item_code", ItemCodes.forLineItem(line.lineItem()))
                        .put("qty", -portion.quantity())
                        .put("rate", portion.rate())
                        .put("warehouse", warehouse)
                        .put(SalesOrderMapper.LINE_ITEM_FIELD, line.lineItemId().toString());
            }
        }
        if (rows.isEmpty()) {
            // ERPNext needs an item row; a refund of adjustments only returns nothing: quantity and rate 0.
            rows.addObject()
                    .put("item_code", OrderDocuments.text(salesInvoice.path("items").path(0), "item_code"))
                    .put("qty", 0)
                    .put("rate", Money.zero())
                    .put("warehouse", salesInvoice.path("items").path(0).path("warehouse").asText());
        }
        return rows;
    }

    private ArrayNode chargeRows(List<ShopifyRefund.OrderAdjustment> adjustments, List<ShopifyRefund.RefundLineItem> lines) {
        SalesTaxRows charges = new SalesTaxRows(mapping);
        for (ShopifyRefund.RefundLineItem line : lines) {
            List<ShopifyOrder.TaxLine> taxLines = line.lineItem().taxLines();
            BigDecimal totalTax = Money.exact(line.totalTax(), "refund line item " + line.id() + " tax");
            if (taxLines.isEmpty()) {
                if (totalTax.signum() != 0) {
                    throw new MappingException("refund line item " + line.id() + " refunds tax " + totalTax
                            + " but its line item has no tax lines to name the tax");
                }
                continue;
            }
            List<BigDecimal> shares = Money.apportion(totalTax, taxLines.stream().map(ShopifyOrder.TaxLine::price).toList());
            for (int i = 0; i < taxLines.size(); i++) {
                charges.addTax(taxLines.get(i).title(), shares.get(i).negate());
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
