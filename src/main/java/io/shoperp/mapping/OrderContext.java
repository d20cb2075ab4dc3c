package io.shoperp.mapping;

/**
 * What ERPNext resolved for one order before its Sales Order is mapped: the order's Customer, the Addresses of its
 * billing and shipping address (null when it has none ERPNext could hold) and the Cost Center of its rows (null for
 * ERPNext's own default). Later documents of the order copy them from the Sales Order.
 */
public record OrderContext(String customer, String billingAddress, String shippingAddress, String costCenter) {

    /** Only the Customer: no Addresses, ERPNext's default Cost Center. */
    public static OrderContext of(String customer) {
        return new OrderContext(customer, null, null, null);
    }
}
