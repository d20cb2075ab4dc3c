package io.shoperp.sync;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.CreateResult;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.ItemCodes;
import io.shoperp.mapping.ItemMapper;
import io.shoperp.shopify.ShopifyOrderPayloads;
import io.shoperp.shopify.ShopifyProduct;
import io.shoperp.sync.KeyedUpsert.Change;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies products/create and products/update: one ERPNext Item per variant, found by its item code
 * ({@link ItemCodes#forVariant}: the SKU, so an Item made by hand with that code is adopted rather than duplicated).
 * A missing Item is created with name, group and UOM ({@link ItemMapper#newItemFor}); an existing one only has its
 * name kept current. Stock and valuation are never sent: ERPNext owns them. A replay writes nothing.
 * ERPNext failures propagate for the route to classify.
 */
@Component("productSync")
public class ProductSync {

    private static final String ITEM = "Item";
    private static final Logger log = LoggerFactory.getLogger(ProductSync.class);

    private final ErpNextClient client;
    private final ItemMapper items;

    public ProductSync(ErpNextClient client, ErpNextMappingProperties mapping) {
        this.client = client;
        this.items = new ItemMapper(mapping);
    }

    /**
     * @throws UnprocessableEventException when the payload is unusable, a SKU cannot be an item code or a mapping key is not
     *                          configured (permanent)
     * @throws io.shoperp.erpnext.ErpNextException when ERPNext fails or refuses a write
     */
    public ApplyOutcome apply(InboxEvent event) {
        ShopifyProduct product = ShopifyOrderPayloads.product(event.payload());
        Map<Change, Integer> changes = new EnumMap<>(Change.class);
        for (ShopifyProduct.Variant variant : product.variants()) {
            changes.merge(sync(product, variant), 1, Integer::sum);
        }
        String detail = "Items: created " + changes.getOrDefault(Change.CREATED, 0)
                + ", renamed " + changes.getOrDefault(Change.UPDATED, 0)
                + ", unchanged " + changes.getOrDefault(Change.UNCHANGED, 0);
        log.debug("inbox event {} {} shopify_product_id={} updated_at={}: {}", event.id(), event.topic(), product.id(),
                product.updatedAt(), detail);
        return ApplyOutcome.done(detail);
    }

    private Change sync(ShopifyProduct product, ShopifyProduct.Variant variant) {
        String itemCode = ItemCodes.forVariant(variant.id(), variant.sku());
        Optional<ObjectNode> existing = client.get(ITEM, itemCode);
        if (existing.isPresent()) {
            return rename(product, variant, existing.get());
        }
        // Keyed by item_code, the Item's name: an order sync creating the same Item meanwhile answers 409, and its
        // Item is then ours to keep current.
        CreateResult created = client.create(ITEM, items.newItemFor(product, variant), "item_code");
        return created.createdByThisCall() ? Change.CREATED : rename(product, variant, created.document());
    }

    private Change rename(ShopifyProduct product, ShopifyProduct.Variant variant, ObjectNode item) {
        Optional<ObjectNode> update = items.currentFieldsUpdate(product, variant, item);
        update.ifPresent(fields -> client.update(ITEM, item.path("name").asText(), fields));
        return update.isPresent() ? Change.UPDATED : Change.UNCHANGED;
    }
}
