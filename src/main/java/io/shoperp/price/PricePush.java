package io.shoperp.price;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.authority.AuthorityRules;
import io.shoperp.erpnext.ErpNextException;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.price.ErpNextPrices.MappedPrice;
import io.shoperp.shopify.ShopifyAdminClient;
import io.shoperp.shopify.ShopifyAdminClients;
import io.shoperp.shopify.ShopifyPermanentException;
import io.shoperp.shopify.ShopifyTransientException;
import io.shoperp.shopify.VariantPrice;
import io.shoperp.topics.DataKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.stereotype.Component;

/**
 * Keeps Item Prices of {@code erpnext.price-list} and Shopify's variant prices equal, run on the stock push's schedule
 * and sooner after ERPNext's webhook. Only variants whose Item Price changed since the last sync, that Shopify changed
 * since, or that were never synced are looked at; their Shopify prices are read first (compare before write), so an
 * unchanged price costs no write.
 * <ul>
 * <li>{@code authority.price=erpnext}: differing Shopify prices are set to the Item Price, one
 * productVariantsBulkUpdate per product. Each write is remembered before it is sent, so its products/update echo is
 * recognised ({@link ProductPriceSync}).</li>
 * <li>{@code authority.price=shopify}: an Item Price changed in ERPNext since the sync last wrote it is a change on
 * the side that does not own price: counted on {@value AuthorityRules#REJECTED_METRIC} (kind price, topic
 * {@value #ERPNEXT_CHANGE}) and set back to Shopify's price.</li>
 * </ul>
 * Throttling or an outage ends the run; the next run continues. One log line per shop and run.
 */
@Component("pricePush")
public class PricePush {

    /** The {@code topic} tag of a rejected ERPNext-side change. */
    static final String ERPNEXT_CHANGE = "erpnext/item_price";

    private static final Logger log = LoggerFactory.getLogger(PricePush.class);

    private final ShopifyAdminClients shops;
    private final AuthorityRules authority;
    private final ErpNextPrices erpNextPrices;
    private final ErpNextMappingProperties mapping;
    private final PriceSyncStore store;
    private final MeterRegistry meters;
    private final Clock clock;

    private static final class RunCounts {
        int checked;
        int written;
        int reverted;
    }

    public PricePush(ShopifyAdminClients shops, AuthorityRules authority, ErpNextPrices erpNextPrices,
            ErpNextMappingProperties mapping, PriceSyncStore store, MeterRegistry meters, Clock clock) {
        this.shops = shops;
        this.authority = authority;
        this.erpNextPrices = erpNextPrices;
        this.mapping = mapping;
        this.store = store;
        this.meters = meters;
        this.clock = clock;
    }

    /** One run over every shop; runs do not overlap within an instance. */
    public synchronized void pushAll() {
        if (shops.domains().isEmpty() || !mapping.hasPriceList()) {
            log.debug("price push: no shop with Admin API settings or erpnext.price-list not set");
            return;
        }
        List<MappedPrice> erpnext;
        try {
            erpnext = erpNextPrices.mapped();
        } catch (ErpNextException | CallNotPermittedException e) {
            log.warn("price push stopped: ERPNext Item Prices not readable: {}", e.getMessage());
            return;
        }
        for (String shop : shops.domains()) {
            push(shop, shops.forShop(shop).orElseThrow(), erpnext);
        }
    }

    private void push(String shop, ShopifyAdminClient client, List<MappedPrice> erpnext) {
        Map<Long, PriceState> states = store.states(shop);
        Map<Long, MappedPrice> due = new LinkedHashMap<>();
        for (MappedPrice price : erpnext) {
            PriceState state = states.get(price.variantId());
            if (state == null || state.erpnextChanged(price.price()) || state.shopifyChangedAt().isPresent()) {
                due.put(price.variantId(), price);
            }
        }
        if (due.isEmpty()) {
            log.debug("price push shop={}: nothing changed", shop);
            return;
        }
        boolean shopifyOwns = authority.shopifyOwns(DataKind.PRICE);
        RunCounts counts = new RunCounts();
        String stopped = "";
        boolean refused = false;
        try {
            Map<Long, VariantPrice> current = client.variantPrices(List.copyOf(due.keySet()));
            Instant readAt = Instant.now(clock);
            if (shopifyOwns) {
                toErpNext(shop, due, states, current, readAt, counts);
            } else {
                toShopify(shop, client, due, current, readAt, counts);
            }
        } catch (ShopifyPermanentException e) {
            stopped = ", stopped, Shopify refuses: " + e.getMessage();
            refused = e.refusesTheShop();
        } catch (ShopifyTransientException | ErpNextException | CallNotPermittedException e) {
            // Includes throttling beyond the client's in-process bound: the next run continues.
            stopped = ", stopped: " + e.getMessage();
        }
        log.atLevel(refused ? Level.WARN : Level.INFO).log("price push shop={} ({} owns price): {} variant(s) checked,"
                + " {} written to Shopify, {} ERPNext change(s) reverted{}", shop, shopifyOwns ? "Shopify" : "ERPNext",
                counts.checked, counts.written, counts.reverted, stopped);
    }

    /** ERPNext owns price: Shopify's differing prices are set to the Item Price, one call per product. */
    private void toShopify(String shop, ShopifyAdminClient client, Map<Long, MappedPrice> due,
            Map<Long, VariantPrice> current, Instant readAt, RunCounts counts) {
        Map<Long, Map<Long, MappedPrice>> writesByProduct = new LinkedHashMap<>();
        for (MappedPrice price : due.values()) {
            VariantPrice shopify = current.get(price.variantId());
            if (shopify == null) {
                log.warn("price push shop={} Item {}: Shopify has no variant {}", shop, price.itemCode(),
                        price.variantId());
                continue;
            }
            counts.checked++;
            if (PriceState.samePrice(shopify.price(), price.price())) {
                store.saveInSync(shop, price.variantId(), price.itemCode(), shopify.price(), readAt);
            } else {
                writesByProduct.computeIfAbsent(shopify.productId(), product -> new LinkedHashMap<>())
                        .put(price.variantId(), price);
            }
        }
        writesByProduct.forEach((product, prices) -> {
            Instant writingAt = Instant.now(clock);
            Map<Long, BigDecimal> targets = new LinkedHashMap<>();
            prices.forEach((variant, price) -> {
                BigDecimal target = PriceState.money(price.price());
                targets.put(variant, target);
                store.rememberWrite(shop, variant, price.itemCode(), target, writingAt);
            });
            try {
                client.setVariantPrices(product, targets);
            } catch (ShopifyPermanentException e) {
                if (e.refusesTheShop()) {
                    throw e;
                }
                // One product Shopify refuses (deleted meanwhile, invalid price) must not block the others.
                log.warn("price push shop={} product {}: refused: {}", shop, product, e.getMessage());
                return;
            }
            prices.forEach((variant, price) -> store.saveInSync(shop, variant, price.itemCode(), targets.get(variant),
                    writingAt));
            counts.written += prices.size();
            meters.counter("price.push.writes", "shop", shop).increment(prices.size());
        });
    }

    /**
     * Shopify owns price: an Item Price that is not Shopify's price is set to it; when the sync had synced it before,
     * the difference is a change made in ERPNext, which does not own price, and is counted.
     */
    private void toErpNext(String shop, Map<Long, MappedPrice> due, Map<Long, PriceState> states,
            Map<Long, VariantPrice> current, Instant readAt, RunCounts counts) {
        for (MappedPrice price : due.values()) {
            VariantPrice shopify = current.get(price.variantId());
            if (shopify == null) {
                continue;
            }
            counts.checked++;
            if (!PriceState.samePrice(shopify.price(), price.price())) {
                if (states.containsKey(price.variantId())) {
                    authority.recordRejection(DataKind.PRICE, ERPNEXT_CHANGE);
                    counts.reverted++;
                }
                erpNextPrices.set(price.itemCode(), PriceState.money(shopify.price()), Optional.of(price.itemPrice()));
            }
            store.saveInSync(shop, price.variantId(), price.itemCode(), shopify.price(), readAt);
        }
    }
}
