package io.shoperp.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;

/**
 * A Shopify order webhook body built line by line, shaped as Shopify sends it (shop-currency decimal strings,
 * whole-second times, 64-bit ids), whose total_price is what its lines, discounts and taxes add up to. Also builds
 * the order's fulfilments and refunds.
 */
public final class TestOrder {

    private final ObjectNode json = ErpNextClient.objectMapper().createObjectNode();
    private BigDecimal total = BigDecimal.ZERO.setScale(2);

    private TestOrder(long id, String name, Instant at) {
        String time = at.truncatedTo(ChronoUnit.SECONDS).toString();
        json.put("id", id).put("admin_graphql_api_id", "gid://shopify/Order/" + id).put("name", name)
                .put("created_at", time).put("updated_at", time).put("processed_at", time)
                .put("currency", "USD").put("taxes_included", false).put("financial_status", "paid")
                .putArray("payment_gateway_names").add("shopify_payments");
        json.putArray("line_items");
        json.putArray("shipping_lines");
        json.putArray("fulfillments");
    }

    /** An order of a guest checkout (no customer). */
    public static TestOrder guest(long id, String name, Instant at) {
        return new TestOrder(id, name, at);
    }

    public static TestOrder ofCustomer(long id, String name, Instant at, long customerId) {
        TestOrder order = new TestOrder(id, name, at);
        order.json.putObject("customer").put("id", customerId).put("email", "buyer" + customerId + "@example.com")
                .put("first_name", "Buyer").put("last_name", Long.toString(customerId));
        return order;
    }

    /** A line of {@code quantity} x {@code price} with {@code discount} off it (a discount allocation), untaxed. */
    public TestOrder line(long lineId, String sku, int quantity, String price, String discount) {
        ObjectNode line = json.withArray("line_items").addObject()
                .put("id", lineId).put("variant_id", lineId + 1_000_000).put("product_id", lineId + 2_000_000)
                .put("sku", sku).put("title", "Product " + sku).put("name", "Product " + sku)
                .put("quantity", quantity).put("price", price).put("requires_shipping", true);
        line.putArray("tax_lines");
        line.putArray("discount_allocations").addObject().put("amount", discount);
        total = total.add(new BigDecimal(price).multiply(BigDecimal.valueOf(quantity))).subtract(new BigDecimal(discount));
        return this;
    }

    public TestOrder currency(String currency) {
        json.put("currency", currency);
        return this;
    }

    public TestOrder financialStatus(String status) {
        json.put("financial_status", status);
        return this;
    }

    /** A later version of the order (orders/updated), whole seconds as Shopify sends them. */
    public TestOrder updatedAt(Instant at) {
        json.put("updated_at", at.toString());
        return this;
    }

    /** Every line shipped at once by fulfilment {@code fulfillmentId}, listed in the order as Shopify does. */
    public TestOrder fulfilled(long fulfillmentId, Instant at) {
        json.withArray("fulfillments").add(fulfillment(fulfillmentId, at));
        return this;
    }

    public ObjectNode fulfillment(long fulfillmentId, Instant at) {
        ObjectNode fulfillment = ErpNextClient.objectMapper().createObjectNode()
                .put("id", fulfillmentId).put("order_id", json.get("id").asLong()).put("status", "success")
                .put("created_at", at.toString()).put("updated_at", at.toString());
        fulfillment.set("line_items", json.get("line_items").deepCopy());
        return fulfillment;
    }

    /**
     * A refund of {@code quantity} units of line {@code lineIndex} for {@code subtotal}, restocked as
     * {@code restockType}, paid back in full through the order's gateway.
     */
    public ObjectNode refund(long refundId, Instant at, int lineIndex, int quantity, String subtotal, String restockType) {
        JsonNode line = json.get("line_items").get(lineIndex);
        ObjectNode refund = ErpNextClient.objectMapper().createObjectNode()
                .put("id", refundId).put("order_id", json.get("id").asLong())
                .put("created_at", at.toString()).put("processed_at", at.toString());
        refund.putArray("refund_line_items").addObject()
                .put("id", refundId + 1).put("line_item_id", line.get("id").asLong()).put("quantity", quantity)
                .put("restock_type", restockType).put("subtotal", subtotal).put("total_tax", "0.00")
                .set("line_item", line.deepCopy());
        refund.putArray("transactions").addObject()
                .put("id", refundId + 2).put("order_id", json.get("id").asLong()).put("kind", "refund")
                .put("gateway", "shopify_payments").put("status", "success").put("amount", subtotal)
                .put("processed_at", at.toString());
        refund.putArray("order_adjustments");
        return refund;
    }

    public ObjectNode json() {
        return json.deepCopy().put("total_price", total.toPlainString());
    }
}
