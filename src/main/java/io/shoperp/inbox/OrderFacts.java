package io.shoperp.inbox;

/**
 * Facts of a Shopify order that later events of the order do not repeat (a refund carries only {@code order_id}),
 * answered from the order's own events as the integration stored them.
 */
public interface OrderFacts {

    /**
     * The order's {@code taxes_included}, from its latest stored orders/* payload.
     *
     * @throws io.shoperp.inbox.NotReadyException when no orders/* event of the order has been stored yet
     */
    boolean taxesIncluded(long orderId);
}
