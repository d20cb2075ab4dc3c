package io.shoperp.demo;

import java.util.List;

/**
 * A webhook of the lifecycle sent again after everything landed, with what the inbox and ERPNext held before and
 * after it.
 *
 * @param what how Shopify (or an operator) came to send it again
 */
record Redelivery(String what, Delivery delivery, long inboxEventsBefore, long inboxEventsAfter,
                  List<LinkedDocument> documentsBefore, List<LinkedDocument> documentsAfter) {

    /** No ERPNext document created or changed (a snapshot carries each document's modified time). */
    boolean changedNothingInErpNext() {
        return documentsAfter.equals(documentsBefore);
    }

    /** Refused as a duplicate by the delivery layer: answered 200 and not stored again. */
    boolean droppedAsDuplicate() {
        return delivery.httpStatus() == 200 && "duplicate".equals(delivery.answer())
                && inboxEventsAfter == inboxEventsBefore;
    }
}
