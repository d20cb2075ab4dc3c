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

    /** A tax of {@code price} at {@code rate} (a fraction, "0.19") on the last line added. */
    public TestOrder lineTax(String title, String rate, String price) {
        JsonNode lines = json.get("line_items");
        ((ObjectNode) lines.get(lines.size() - 1)).withArray("tax_lines").addObject()
                .put("title", title).put("rate", rate).put("price", price);
        total = total.add(new BigDecimal(price));
        return this;
    }

    /** A shipping line of {@code price} taxed {@code tax} at {@code rate} under {@code taxTitle}. */
    public TestOrder shipping(String title, String price, String taxTitle, String rate, String tax) {
        ObjectNode shipping = json.withArray("shipping_lines").addObject()
                .put("id", json.get("id").asLong() + 9).put("title", title).put("code", title).put("price", price);
        shipping.putArray("tax_lines").addObject().put("title", taxTitle).put("rate", rate).put("price", tax);
        shipping.putArray("discount_allocations");
        total = total.add(new BigDecimal(price)).add(new BigDecimal(tax));
        return this;
    }

    /** The order's billing_address or shipping_address ({@code kind}), as Shopify's MailingAddress (no id). */
    public TestOrder address(String kind, String address1, String city, String zip, String countryCode, String country) {
        json.putObject(kind).put("first_name", "Buyer").put("last_name", "Name").put("address1", address1)
                .putNull("address2").put("city", city).put("zip", zip).putNull("province")
                .put("country", country).put("country_code", countryCode).putNull("phone");
        return this;
    }

    /** The buyer's note and the merchant's comma-separated tags. */
    public TestOrder noteAndTags(String note, String tags) {
        json.put("note", note).put("tags", tags);
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
