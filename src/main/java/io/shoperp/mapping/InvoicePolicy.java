package io.shoperp.mapping;

/**
 * When an order's Sales Invoice is made ({@code erpnext.invoice-on}). Payments never wait for it: money Shopify
 * captured before the invoice exists is booked against the Sales Order as an advance, which the invoice takes over.
 */
public enum InvoicePolicy {
    /** When Shopify first shows money captured (financial status paid, partially paid, or a captured transaction). */
    PAID,
    /** When the first fulfilment leaves (cash on delivery, pay later): the whole Sales Order is invoiced then. */
    FULFILLED,
    /** Right after the Sales Order, on the order's first event. */
    CREATED
}
