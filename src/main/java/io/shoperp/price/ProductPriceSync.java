package io.shoperp.price;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.shoperp.authority.AuthorityRules;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.mapping.ItemCodes;
import io.shoperp.shopify.ShopifyOrderPayloads;
import io.shoperp.shopify.ShopifyProduct;
import io.shoperp.sync.ProductSync;
import io.shoperp.topics.DataKind;
import org.springframework.stereotype.Component;

/**
 * Applies products/create and products/update: the Items ({@link ProductSync}) first, then each variant's price.
 * <ul>
 * <li>{@code authority.price=erpnext}: the echo of a price push write, or a price already known, changes nothing. A
 * price set in Shopify by someone else is a change on the side that does not own price: counted on
 * {@value AuthorityRules#REJECTED_METRIC} (kind price) and left for the next price push, which sets ERPNext's price
 * back. Nothing is written to ERPNext.</li>
 * <li>{@code authority.price=shopify}: the Item Price of {@code erpnext.price-list} is set to Shopify's price when it
 * differs (created when missing), so a repeated webhook writes nothing.</li>
 * </ul>
 * A report older than what the sync last saw of the variant (a late webhook) is left alone.
 */
@Component("productPriceSync")
public class ProductPriceSync {

    private final ProductSync items;
    private final AuthorityRules authority;
    private final PriceSyncStore store;
    private final ErpNextPrices erpNextPrices;

    public ProductPriceSync(ProductSync items, AuthorityRules authority, PriceSyncStore store,
            ErpNextPrices erpNextPrices) {
        this.items = items;
        this.authority = authority;
        this.store = store;
        this.erpNextPrices = erpNextPrices;
    }

    public ApplyOutcome apply(InboxEvent event) {
        ApplyOutcome itemsOutcome = items.apply(event);
        ShopifyProduct product = ShopifyOrderPayloads.product(event.payload());
        List<ShopifyProduct.Variant> priced = product.variants().stream().filter(variant -> variant.price() != null)
                .toList();
        if (priced.isEmpty()) {
            return itemsOutcome;
        }
        String prices = authority.shopifyOwns(DataKind.PRICE) ? toErpNext(event, product, priced)
                : checkAgainstErpNext(event, product, priced);
        return new ApplyOutcome(itemsOutcome.status(), itemsOutcome.detail() + "; prices: " + prices,
                itemsOutcome.conflict());
    }

    /** ERPNext owns price: only the state is looked at; a genuine Shopify change is rejected and counted. */
    private String checkAgainstErpNext(InboxEvent event, ShopifyProduct product, List<ShopifyProduct.Variant> priced) {
        Map<Long, PriceState> states = store.states(event.shopDomain());
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (ShopifyProduct.Variant variant : priced) {
            PriceState state = states.get(variant.id());
            if (state == null) {
                outcomes.merge("not pushed yet", 1, Integer::sum);
                continue;
            }
            Instant updatedAt = updatedAt(event, product, variant);
            PriceState.Report report = state.judge(variant.price(), updatedAt);
            if (report == PriceState.Report.CHANGED) {
                authority.recordRejection(DataKind.PRICE, event.topic());
                store.recordShopifyChange(event.shopDomain(), variant.id(), variant.price(), updatedAt);
            }
            outcomes.merge(describe(report, state), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        outcomes.forEach((outcome, count) -> parts.add(count + " " + outcome));
        return String.join(", ", parts);
    }

    private static String describe(PriceState.Report report, PriceState state) {
        return switch (report) {
            case ECHO -> "echo of our price push (wrote " + state.shopifyPrice().toPlainString() + " at "
                    + state.writtenAt().orElseThrow() + ")";
            case UNCHANGED -> "unchanged";
            case OLD_NEWS -> "older than what the price push last saw";
            case CHANGED -> "changed in Shopify: " + AuthorityRules.reason(DataKind.PRICE)
                    + ", the next price push sets ERPNext's price back";
        };
    }

    /** Shopify owns price: each differing Item Price is set to the variant's price. */
    private String toErpNext(InboxEvent event, ShopifyProduct product, List<ShopifyProduct.Variant> priced) {
        Map<Long, PriceState> states = store.states(event.shopDomain());
        Map<Long, String> codes = new LinkedHashMap<>();
        priced.forEach(variant -> codes.put(variant.id(), ItemCodes.forVariant(variant.id(), variant.sku())));
        Map<String, ErpNextPrices.ItemPrice> stored = erpNextPrices.of(codes.values());
        Map<Change, Integer> changes = new EnumMap<>(Change.class);
        for (ShopifyProduct.Variant variant : priced) {
            Instant updatedAt = updatedAt(event, product, variant);
            PriceState state = states.get(variant.id());
            if (state != null && state.judge(variant.price(), updatedAt) == PriceState.Report.OLD_NEWS) {
                changes.merge(Change.OLD_NEWS, 1, Integer::sum);
                continue;
            }
            String itemCode = codes.get(variant.id());
            Optional<ErpNextPrices.ItemPrice> itemPrice = Optional.ofNullable(stored.get(itemCode));
            BigDecimal price = PriceState.money(variant.price());
            boolean same = itemPrice.filter(current -> PriceState.samePrice(current.price(), price)).isPresent();
            if (!same) {
                erpNextPrices.set(itemCode, price, itemPrice);
            }
            store.saveInSync(event.shopDomain(), variant.id(), itemCode, price, updatedAt);
            changes.merge(same ? Change.UNCHANGED : Change.WRITTEN, 1, Integer::sum);
        }
        return "Item Prices written " + changes.getOrDefault(Change.WRITTEN, 0)
                + ", unchanged " + changes.getOrDefault(Change.UNCHANGED, 0)
                + ", older than known " + changes.getOrDefault(Change.OLD_NEWS, 0);
    }

    private enum Change { WRITTEN, UNCHANGED, OLD_NEWS }

    private static Instant updatedAt(InboxEvent event, ShopifyProduct product, ShopifyProduct.Variant variant) {
        OffsetDateTime at = variant.updatedAt() != null ? variant.updatedAt() : product.updatedAt();
        return at != null ? at.toInstant() : event.receivedAt();
    }
}
