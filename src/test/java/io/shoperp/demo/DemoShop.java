package io.shoperp.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import io.shoperp.support.CustomerFixtures;
import io.shoperp.support.TestOrder;

/**
 * The Shopify side of the demo: one customer's order through its life, as the webhooks Shopify sends for it, in the
 * order it sends them. Ids are 64-bit like Shopify's; the items are two the ERPNext sandbox's seed stocks in
 * {@value #WAREHOUSE}, so the order ships from stock ERPNext already holds.
 */
final class DemoShop {

    /** Bob Norman of the customers/create fixture (src/test/resources/shopify/customers-create.json). */
    static final long CUSTOMER_ID = 706405506930370084L;
    static final long ORDER_ID = 820982911946154508L;
    static final String ORDER_NAME = "#1001";
    static final String RED_SHIRT = "TSHIRT-RED-M";
    static final String BLUE_SHIRT = "TSHIRT-BLUE-L";
    static final String WAREHOUSE = "Stores - SC";
    static final long SALE_TRANSACTION_ID = 389404469L;
    static final long FULFILLMENT_ID = 255858046L;
    static final long REFUND_ID = 509562969L;
    static final String REFUND_AMOUNT = "30.00";
    private static final long RED_LINE_ID = 466157049L;
    private static final long BLUE_LINE_ID = 518995019L;
    private static final int BLUE_LINE = 1;

    /** One webhook as Shopify would deliver it. */
    record Webhook(String topic, ObjectNode payload) {
    }

    private final TestOrder order;
    private final Instant placedAt;
    private final ObjectNode sale;

    /** The order was placed two hours ago, so that ERPNext posts every document of it in the past. */
    DemoShop(Instant now) {
        placedAt = now.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
        order = TestOrder.ofCustomer(ORDER_ID, ORDER_NAME, placedAt, CUSTOMER_ID)
                .line(RED_LINE_ID, RED_SHIRT, 2, "25.00", "5.00")
                .line(BLUE_LINE_ID, BLUE_SHIRT, 1, "30.00", "0.00")
                .shipping("Standard", "10.00", "State Tax", "0.06", "0.60");
        sale = ShopifySandbox.transaction(SALE_TRANSACTION_ID, ORDER_ID, "sale", "shopify_payments", "success",
                total().toPlainString(), placedAt.plusSeconds(60), null);
    }

    /** What the order costs the buyer (lines less discounts, shipping, tax), as its total_price says. */
    BigDecimal total() {
        return new BigDecimal(order.json().get("total_price").asText());
    }

    BigDecimal refunded() {
        return new BigDecimal(REFUND_AMOUNT);
    }

    /** The captured payment, as the shop's Admin API lists it among the order's transactions. */
    List<ObjectNode> transactions() {
        return List.of(sale.deepCopy());
    }

    /**
     * The customer signs up; the order is placed and its payment captured (Shopify tells twice: orders/paid, after
     * which the bridge reads the order's transactions from the Admin API, and the transaction's own webhook), then it
     * ships in one parcel and the blue shirt comes back, restocked, and is refunded.
     */
    List<Webhook> lifecycle() {
        ObjectNode placed = order.financialStatus("pending").json();
        ObjectNode paid = order.financialStatus("paid").updatedAt(placedAt.plusSeconds(61)).json();
        return List.of(
                new Webhook("customers/create", CustomerFixtures.bobNorman()),
                new Webhook("orders/create", placed),
                new Webhook("orders/paid", paid),
                new Webhook("order_transactions/create", sale.deepCopy()),
                new Webhook("fulfillments/create", order.fulfillment(FULFILLMENT_ID, placedAt.plus(Duration.ofHours(1)))),
                new Webhook("refunds/create", order.refund(REFUND_ID, placedAt.plus(Duration.ofMinutes(90)), BLUE_LINE, 1,
                        REFUND_AMOUNT, "return")));
    }
}
