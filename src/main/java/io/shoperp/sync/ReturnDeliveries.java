package io.shoperp.sync;

import static io.shoperp.sync.SalesDocuments.DELIVERY_NOTE;
import static io.shoperp.sync.SalesDocuments.FULFILLMENT_KEY;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.inbox.NotReadyException;
import io.shoperp.mapping.DeliveryNoteMapper;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.OrderDates;
import io.shoperp.mapping.SalesOrderMapper;
import io.shoperp.shopify.ShopifyRefund;

/**
 * The goods a refund brings back into stock: refund lines restocked as {@code return} (or {@code legacy_restock})
 * left on Delivery Notes, and come back on return Delivery Notes against them
 * ({@link DeliveryNoteMapper#returnNote}), one per original note. A line restocked as {@code cancel} was never
 * fulfilled, moved no stock and needs no document.
 * <p>
 * What this refund already returned is subtracted first, and an original note this refund already has a return for
 * gets no second one, so a retry after a partial failure returns each unit once. Goods Shopify says were returned but
 * that no Delivery Note shows yet wait ({@link NotReadyException}) for their fulfilment's note.
 */
final class ReturnDeliveries {

    private final SalesDocuments documents;
    private final DeliveryNoteMapper deliveryNotes;

    ReturnDeliveries(SalesDocuments documents, ErpNextMappingProperties mapping) {
        this.documents = documents;
        this.deliveryNotes = new DeliveryNoteMapper(mapping);
    }

    /**
     * @return what happened, for the event's history
     * @throws NotReadyException when returned goods have no Delivery Note to come back from yet (transient)
     */
    String restock(ShopifyRefund refund) {
        Map<Long, ShopifyRefund.RefundLineItem> returned = new LinkedHashMap<>();
        refund.refundLineItems().stream().filter(line -> line.quantity() > 0 && line.cameBack())
                .forEach(line -> returned.put(line.lineItemId(), line));
        if (returned.isEmpty()) {
            return "no goods came back";
        }
        ArrayNode ofThisRefund = ErpNextClient.objectMapper().createArrayNode();
        ofThisRefund.addArray().add(FULFILLMENT_KEY).add("like").add(DeliveryNoteMapper.returnKey(refund.id(), "%"));
        List<ObjectNode> existingReturns = documents.listed(DELIVERY_NOTE, ofThisRefund);
        Map<Long, Integer> toReturn = new LinkedHashMap<>();
        returned.forEach((line, refundLine) -> toReturn.put(line, refundLine.quantity()));
        List<String> returnedFrom = new ArrayList<>();
        for (ObjectNode existing : existingReturns) {
            returnedFrom.add(existing.path("return_against").asText());
            existing.path("items").forEach(row -> toReturn.computeIfPresent(DeliveryNoteMapper.lineOf(row),
                    (line, left) -> left + row.path("qty").decimalValue().intValue()));
        }
        List<String> done = new ArrayList<>();
        for (ObjectNode original : deliveredNotes(refund.orderId(), returned.keySet())) {
            String originalName = original.path("name").asText();
            if (returnedFrom.contains(originalName)) {
                continue;
            }
            ObjectNode returnNote = deliveryNotes.returnNote(refund, original, returned, toReturn);
            if (!returnNote.path("items").isEmpty()) {
                String name = documents.createSubmitted(DELIVERY_NOTE, returnNote, FULFILLMENT_KEY).path("name").asText();
                done.add("return Delivery Note " + name + " against " + originalName);
            }
        }
        existingReturns.forEach(existing -> done.add("return Delivery Note " + existing.path("name").asText()
                + " unchanged"));
        List<String> waiting = new ArrayList<>();
        toReturn.forEach((line, left) -> {
            if (left > 0 && "return".equals(returned.get(line).restockType())) {
                waiting.add(left + " of line item " + line);
            }
        });
        if (!waiting.isEmpty()) {
            throw new NotReadyException("refund " + refund.id() + " returns " + String.join(", ", waiting)
                    + " that no Delivery Note shows as delivered yet; waiting for the fulfilment's Delivery Note");
        }
        return String.join(", ", done);
    }

    /** The order's submitted Delivery Notes (not returns) with rows of these lines, in the order they were posted. */
    private List<ObjectNode> deliveredNotes(long orderId, Set<Long> lines) {
        List<ObjectNode> salesOrders = documents.salesOrders(orderId);
        if (salesOrders.isEmpty()) {
            return List.of();
        }
        ArrayNode filters = ErpNextClient.objectMapper().createArrayNode();
        ArrayNode orderNames = filters.addArray().add("Delivery Note Item").add("against_sales_order").add("in").addArray();
        salesOrders.forEach(salesOrder -> orderNames.add(salesOrder.path("name").asText()));
        filters.addArray().add("docstatus").add("=").add(1);
        filters.addArray().add("is_return").add("=").add(0);
        ArrayNode lineIds = filters.addArray().add("Delivery Note Item").add(SalesOrderMapper.LINE_ITEM_FIELD).add("in")
                .addArray();
        lines.forEach(line -> lineIds.add(line.toString()));
        List<ObjectNode> notes = new ArrayList<>(documents.listed(DELIVERY_NOTE, filters));
        notes.sort(Comparator.comparing((ObjectNode note) -> OrderDates.Posting.of(note).at())
                .thenComparing(note -> note.path("name").asText()));
        return notes;
    }
}
