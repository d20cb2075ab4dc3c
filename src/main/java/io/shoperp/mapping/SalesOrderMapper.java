package io.shoperp.mapping;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.shopify.ShopifyOrder;

/**
 * The submitted ERPNext Sales Order of a Shopify order, whose grand total equals Shopify's {@code total_price} to the
 * cent.
 * <ul>
 * <li>Item rows carry the NET per-unit rate: the line's price x quantity minus its discount allocations (line
 * discounts and order-level discount codes alike), minus its tax when the shop's prices include tax. A line whose net
 * total does not divide evenly into cents becomes two rows (e.g. 10.00 over 3 = 1 x 3.34 + 2 x 3.33), so no rounding
 * difference exists and no extra account is needed. Every row holds the Shopify line item id in
 * {@value #LINE_ITEM_FIELD}; later documents find their Sales Order rows through it. Each row is described by the
 * line's title, made distinct where one item has several rows ({@link SellingRows}).</li>
 * <li>Taxes are "Actual" rows, one per Shopify tax title summed over lines and shipping, on
 * {@code erpnext.tax-accounts."<title>"}; shipping (price minus its discount allocations, minus its tax when included)
 * is one "Actual" charge on {@code erpnext.shipping-account}; a tip ({@code total_tip_received}) one on
 * {@code erpnext.tip-account}, import duties ({@code original_total_duties_set}) one on
 * {@code erpnext.duties-account}.</li>
 * <li>The order name ("#1001") goes into {@value #ORDER_NAME_FIELD}, carried onto the invoice and delivery notes;
 * not into {@code po_no}, which ERPNext allows once per customer (sales_order.py validate_po), while guest orders
 * share one customer and shops share order names. {@code shopify_order_id} is the unique key.</li>
 * <li>Rounded total is disabled and pricing rules ignored, so ERPNext neither rounds the total to whole units nor
 * reprices the rows.</li>
 * </ul>
 */
public class SalesOrderMapper {

    /** Sales Order Item / Sales Invoice Item custom field holding the Shopify line item id (not unique: split rows). */
    public static final String LINE_ITEM_FIELD = "shopify_line_item_id";
    /** Sales Order, Sales Invoice and Delivery Note custom field holding the order's name ("#1001"), not unique. */
    public static final String ORDER_NAME_FIELD = "shopify_order_name";
    /** Sales Order custom fields (Small Text) showing the buyer's note and the merchant's tags to people in ERPNext. */
    public static final String NOTE_FIELD = "shopify_order_note";
    public static final String TAGS_FIELD = "shopify_order_tags";

    private final ErpNextMappingProperties mapping;

    public SalesOrderMapper(ErpNextMappingProperties mapping) {
        this.mapping = mapping;
    }

    /** The Sales Order without Addresses, on ERPNext's default Cost Center. */
    public ObjectNode map(ShopifyOrder order, String customer) {
        return map(order, OrderContext.of(customer));
    }

    /**
     * @param context the order's Customer (ignored for a guest checkout, which uses {@code erpnext.guest-customer}),
     *                Addresses and Cost Center
     * @throws UnprocessableEventException for a missing mapping key, or when the mapped total would not equal total_price
     *                          (something the order holds that is not mapped)
     */
    public ObjectNode map(ShopifyOrder order, OrderContext context) {
        String date = OrderDates.utcDate(order.createdAt());
        ObjectNode salesOrder = ErpNextClient.objectMapper().createObjectNode()
                .put("customer", customerOf(order, context.customer()))
                .put("company", mapping.company())
                .put("transaction_date", date)
                .put("delivery_date", date)
                .put("currency", order.currency())
                .put("selling_price_list", mapping.priceList())
                .put("ignore_pricing_rule", 1)
                .put("disable_rounded_total", 1)
                .put(ORDER_NAME_FIELD, order.displayName())
                .put("shopify_order_id", order.id().toString())
                .put("docstatus", 1);
        OrderDocuments.putIfPresent(salesOrder, "customer_address", context.billingAddress());
        OrderDocuments.putIfPresent(salesOrder, "shipping_address_name", context.shippingAddress());
        OrderDocuments.putIfPresent(salesOrder, "cost_center", context.costCenter());
        mapping.namingSeriesFor(OrderDocuments.SALES_ORDER).ifPresent(series -> salesOrder.put("naming_series", series));
        OrderDocuments.putIfPresent(salesOrder, NOTE_FIELD, blankToNull(order.note()));
        OrderDocuments.putIfPresent(salesOrder, TAGS_FIELD, blankToNull(order.tags()));
        salesOrder.set("items", itemRows(order, date, context.costCenter()));
        salesOrder.set("taxes", taxRows(order, context.costCenter()));
        requireShopifyTotal(order, salesOrder);
        return salesOrder;
    }

    private String customerOf(ShopifyOrder order, String customer) {
        if (order.isGuestCheckout()) {
            return mapping.guestCustomer();
        }
        if (customer == null || customer.isBlank()) {
            throw new IllegalArgumentException("order " + order.id() + " has Shopify customer " + order.customer().id()
                    + " but no ERPNext customer was given");
        }
        return customer;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private ArrayNode itemRows(ShopifyOrder order, String deliveryDate, String costCenter) {
        String warehouse = mapping.warehouseFor(order.locationId());
        ArrayNode rows = ErpNextClient.objectMapper().createArrayNode();
        for (ShopifyOrder.LineItem line : soldLines(order)) {
            String itemCode = ItemCodes.forLineItem(line);
            for (Money.Portion portion : Money.perUnit(netAmount(line, order.taxesIncluded()), line.quantity())) {
                rows.addObject()
                        .put("item_code", itemCode)
                        .put("description", ItemMapper.itemName(line.title(), line.variantTitle(), itemCode))
                        .put("qty", portion.quantity())
                        .put("rate", portion.rate())
                        .put("delivery_date", deliveryDate)
                        .put("warehouse", warehouse)
                        .put(LINE_ITEM_FIELD, line.id().toString());
                OrderDocuments.putIfPresent((ObjectNode) rows.get(rows.size() - 1), "cost_center", costCenter);
            }
        }
        if (rows.isEmpty()) {
            throw new UnprocessableEventException("order " + order.displayName() + " has no line item with a quantity");
        }
        return SellingRows.finish(rows);
    }

    private ArrayNode taxRows(ShopifyOrder order, String costCenter) {
        SalesTaxRows taxes = new SalesTaxRows(mapping, costCenter);
        soldLines(order).forEach(line -> line.taxLines().forEach(tax ->
                taxes.addItemTax(tax.title(), ItemCodes.forLineItem(line), tax.rate(), tax.price())));
        order.shippingLines().forEach(shipping -> shipping.taxLines().forEach(tax ->
                taxes.addItemTax(tax.title(), SalesTaxRows.SHIPPING_DETAIL, tax.rate(), tax.price())));
        List<ShopifyOrder.ShippingLine> charged = order.shippingLines().stream()
                .filter(shipping -> netShipping(shipping, order.taxesIncluded()).signum() != 0).toList();
        if (!charged.isEmpty()) {
            taxes.addCharge(mapping.shippingAccount(), "Shipping: " + String.join(", ",
                            charged.stream().map(shipping -> String.valueOf(shipping.title())).toList()),
                    Money.sum(charged.stream().map(shipping -> netShipping(shipping, order.taxesIncluded())).toList()));
        }
        if (order.tip().signum() != 0) {
            taxes.addCharge(mapping.tipAccount(), "Tip", order.tip());
        }
        if (order.duties().signum() != 0) {
            taxes.addCharge(mapping.dutiesAccount(), "Duties", order.duties());
        }
        return taxes.toRows();
    }

    /** Lines with nothing left to sell (quantity 0) have no row, no tax and no discount in the total. */
    private static List<ShopifyOrder.LineItem> soldLines(ShopifyOrder order) {
        return order.lineItems().stream().filter(line -> line.quantity() > 0).toList();
    }

    static BigDecimal netAmount(ShopifyOrder.LineItem line, boolean taxesIncluded) {
        String what = "line item " + line.id();
        BigDecimal gross = Money.exact(line.price(), what + " price").multiply(BigDecimal.valueOf(line.quantity()))
                .subtract(discounts(line.discountAllocations(), what));
        return taxesIncluded ? gross.subtract(taxes(line.taxLines(), what)) : gross;
    }

    static BigDecimal netShipping(ShopifyOrder.ShippingLine shipping, boolean taxesIncluded) {
        String what = "shipping line " + shipping.id();
        BigDecimal gross = Money.exact(shipping.price(), what + " price")
                .subtract(discounts(shipping.discountAllocations(), what));
        return taxesIncluded ? gross.subtract(taxes(shipping.taxLines(), what)) : gross;
    }

    private static BigDecimal discounts(List<ShopifyOrder.DiscountAllocation> allocations, String what) {
        return Money.sum(allocations.stream().map(allocation -> Money.exact(allocation.amount(), what + " discount")).toList());
    }

    private static BigDecimal taxes(List<ShopifyOrder.TaxLine> taxLines, String what) {
        return Money.sum(taxLines.stream().map(tax -> Money.exact(tax.price(), what + " tax")).toList());
    }

    private static void requireShopifyTotal(ShopifyOrder order, ObjectNode salesOrder) {
        BigDecimal shopifyTotal = Money.exact(order.totalPrice(), "order total_price");
        BigDecimal erpNextTotal = ErpNextTotals.grandTotal(salesOrder);
        if (erpNextTotal.compareTo(shopifyTotal) != 0) {
            throw new UnprocessableEventException("order " + order.displayName() + ": the Sales Order would total "
                    + erpNextTotal.toPlainString() + " but Shopify's total_price is " + shopifyTotal.toPlainString()
                    + " (lines, discounts, taxes and shipping do not account for " + shopifyTotal.subtract(erpNextTotal)
                    .toPlainString() + ")");
        }
    }
}
