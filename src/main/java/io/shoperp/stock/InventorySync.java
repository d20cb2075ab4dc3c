package io.shoperp.stock;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.authority.AuthorityRules;
import io.shoperp.erpnext.CreateResult;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.ErpNextPermanentException;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.NotReadyException;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.ShopMappings;
import io.shoperp.topics.DataKind;
import org.springframework.stereotype.Component;

/**
 * Applies inventory_levels/update. The echo of a write of ours is IGNORED: the webhook of our latest write to the
 * level, recognised once (a later report of the same figure, or of an earlier write's figure, is someone else's
 * change, and the push re-reads the level). Any other change follows the stock
 * authority: while ERPNext owns stock it is a conflict (counted on authority.rejected) that the next push corrects;
 * when Shopify owns it, ERPNext's stock is reconciled to Shopify's figure with one submitted Stock Reconciliation per
 * delivery.
 */
@Component("inventorySync")
public class InventorySync {

    static final String STOCK_RECONCILIATION = "Stock Reconciliation";
    static final String RECONCILIATION_KEY = "shopify_inventory_event";

    private final StockPushStore store;
    private final AuthorityRules authority;
    private final StockProperties properties;
    private final ErpNextClient client;
    private final ShopMappings mappings;
    private final Clock clock;

    public InventorySync(StockPushStore store, AuthorityRules authority, StockProperties properties,
            ErpNextClient client, ShopMappings mappings, Clock clock) {
        this.store = store;
        this.authority = authority;
        this.properties = properties;
        this.client = client;
        this.mappings = mappings;
        this.clock = clock;
    }

    /**
     * @throws io.shoperp.inbox.UnprocessableEventException when the payload is unusable (permanent)
     * @throws NotReadyException when Shopify owns stock and no Item names the inventory item yet (transient)
     */
    public ApplyOutcome apply(InboxEvent event) {
        InventoryLevelUpdate update = InventoryLevelUpdate.parse(event.payload());
        if (update.available().isEmpty()) {
            return ApplyOutcome.ignored("no available quantity: Shopify does not track " + update.level());
        }
        int available = update.available().getAsInt();
        Instant now = Instant.now(clock);
        Instant changedAt = update.updatedAt() != null ? update.updatedAt() : event.receivedAt();
        Optional<Instant> ourWrite = store.claimEcho(event.shopDomain(), update.level(), available, changedAt,
                now.minus(properties.getEchoWindow()), now);
        if (ourWrite.isPresent()) {
            store.recordEcho(event.shopDomain(), update.level(), available);
            return ApplyOutcome.ignored("echo: our stock push wrote " + available + " to " + update.level() + " at "
                    + ourWrite.get());
        }
        if (!authority.shopifyOwns(DataKind.STOCK)) {
            authority.recordRejection(DataKind.STOCK, event.topic());
            store.recordShopifyChange(event.shopDomain(), update.level(), available, changedAt);
            return ApplyOutcome.conflict(AuthorityRules.reason(DataKind.STOCK) + "; Shopify shows " + available
                    + " for " + update.level() + ", the next stock push sets what ERPNext can cover");
        }
        return reconcile(event, update.level(), available);
    }

    /**
     * Shopify owns stock: ERPNext's actual quantity becomes Shopify's available plus what ERPNext reserved (never
     * below 0), by a Stock Reconciliation, which ERPNext accepts only for a stock item, when the quantity changes
     * (stock_reconciliation.py remove_items_with_no_change) and with a valuation (validate_data, update_stock_ledger):
     * an item without any (no stock history in the warehouse, no valuation_rate on the Item) enters at zero
     * valuation, and the outcome says so.
     */
    private ApplyOutcome reconcile(InboxEvent event, InventoryLevel level, int available) {
        ObjectNode item = itemOf(level);
        String itemCode = item.path("item_code").asText();
        if (item.path("is_stock_item").asInt(1) != 1) {
            return ApplyOutcome.ignored("Item " + itemCode + " is not a stock item in ERPNext: Shopify's " + available
                    + " for " + level + " is not booked");
        }
        ErpNextMappingProperties mapping = mappings.forShop(event.shopDomain());
        String warehouse = mapping.warehouseFor(level.locationId());
        ArrayNode filters = JsonNodeFactory.instance.arrayNode();
        filters.addArray().add("item_code").add("=").add(itemCode);
        filters.addArray().add("warehouse").add("=").add(warehouse);
        Optional<ObjectNode> bin = client.list("Bin", List.of("actual_qty", "reserved_qty", "valuation_rate"), filters, 1)
                .stream().findFirst();
        BigDecimal current = bin.map(found -> ErpNextStock.decimal(found.path("actual_qty"))).orElse(BigDecimal.ZERO);
        BigDecimal target = bin.map(found -> ErpNextStock.decimal(found.path("reserved_qty"))).orElse(BigDecimal.ZERO)
                .add(BigDecimal.valueOf(available)).max(BigDecimal.ZERO);
        if (target.compareTo(current) == 0) {
            return alreadyThere(itemCode, warehouse, current);
        }
        boolean valued = bin.map(found -> ErpNextStock.decimal(found.path("valuation_rate")).signum() > 0).orElse(false)
                || ErpNextStock.decimal(item.path("valuation_rate")).signum() > 0;

        ObjectNode reconciliation = JsonNodeFactory.instance.objectNode()
                .put("purpose", STOCK_RECONCILIATION)
                .put("company", mapping.company())
                .put(RECONCILIATION_KEY, event.shopDomain() + ":" + event.webhookId())
                .put("docstatus", 1);
        ObjectNode row = reconciliation.putArray("items").addObject()
                .put("item_code", itemCode).put("warehouse", warehouse).put("qty", target);
        if (!valued) {
            row.put("allow_zero_valuation_rate", 1);
        }
        CreateResult created;
        try {
            created = client.create(STOCK_RECONCILIATION, reconciliation, RECONCILIATION_KEY);
        } catch (ErpNextPermanentException e) {
            if (e.hasExcType("EmptyStockReconciliationItemsError")) {
                // The stock changed to the same figure between the read and the write.
                return alreadyThere(itemCode, warehouse, target);
            }
            throw e;
        }
        return ApplyOutcome.done(STOCK_RECONCILIATION + " " + created.name() + ": " + itemCode + " at " + warehouse
                + " set to " + target.toPlainString() + (valued ? "" : " at zero valuation (ERPNext knows no cost for it)")
                + (created.createdByThisCall() ? "" : " (already there)"));
    }

    private static ApplyOutcome alreadyThere(String itemCode, String warehouse, BigDecimal quantity) {
        return ApplyOutcome.done(itemCode + " at " + warehouse + " is " + quantity.toPlainString()
                + " already: nothing to reconcile");
    }

    private ObjectNode itemOf(InventoryLevel level) {
        ArrayNode filters = JsonNodeFactory.instance.arrayNode();
        filters.addArray().add(ErpNextStock.INVENTORY_ITEM_FIELD).add("=").add(Long.toString(level.inventoryItemId()));
        return client.list("Item", List.of("item_code", "is_stock_item", "valuation_rate"), filters, 1).stream()
                .findFirst()
                .orElseThrow(() -> new NotReadyException("no Item has " + ErpNextStock.INVENTORY_ITEM_FIELD + " "
                        + level.inventoryItemId() + " yet"));
    }
}
