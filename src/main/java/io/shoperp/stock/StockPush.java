package io.shoperp.stock;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.authority.AuthorityRules;
import io.shoperp.erpnext.ErpNextException;
import io.shoperp.shopify.InventoryChange;
import io.shoperp.shopify.InventorySetResult;
import io.shoperp.shopify.ShopifyAdminClient;
import io.shoperp.shopify.ShopifyAdminClients;
import io.shoperp.shopify.ShopifyPermanentException;
import io.shoperp.shopify.ShopifyTransientException;
import io.shoperp.stock.StockPushStore.PushState;
import io.shoperp.topics.DataKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.stereotype.Component;

/**
 * Pushes ERPNext's available stock to every shop with Admin API settings: only levels whose ERPNext figure changed
 * since the last push, that Shopify changed since, or whose drop is held back, are looked at, and each is set to
 * {@link StockTarget} (ERPNext's figure less the Shopify sales it has not recorded: {@link InboxSales}) with
 * compare-and-set against the figure we last saw and an idempotency key fixed by the intended write. A stale compare
 * means Shopify sold (or changed) stock meanwhile: the level is re-read and the target computed again.
 * Throttling or an outage ends the run; the next run continues where it stopped. One INFO line per shop and run.
 */
@Component("stockPush")
public class StockPush {

    static final String ADJUSTMENT_REASON = "correction";

    private static final Logger log = LoggerFactory.getLogger(StockPush.class);

    private final ShopifyAdminClients shops;
    private final AuthorityRules authority;
    private final ErpNextStock erpNextStock;
    private final StockLocations locations;
    private final StockPushStore store;
    private final InboxSales inboxSales;
    private final StockProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    private static final class RunCounts {
        int checked;
        int written;
        int staleRetries;
    }

    public StockPush(ShopifyAdminClients shops, AuthorityRules authority, ErpNextStock erpNextStock,
            StockLocations locations, StockPushStore store, InboxSales inboxSales, StockProperties properties,
            MeterRegistry meters, Clock clock) {
        this.shops = shops;
        this.authority = authority;
        this.erpNextStock = erpNextStock;
        this.locations = locations;
        this.store = store;
        this.inboxSales = inboxSales;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** One run over every shop; runs do not overlap within an instance. */
    public synchronized void pushAll() {
        store.forgetWritesBefore(Instant.now(clock).minus(properties.getEchoWindow()));
        if (authority.shopifyOwns(DataKind.STOCK)) {
            log.debug("stock push: nothing to do, Shopify owns stock (authority.stock)");
            return;
        }
        if (shops.domains().isEmpty() || locations.warehouses().isEmpty()) {
            log.debug("stock push: no shop with Admin API settings or no warehouse mapped to a location");
            return;
        }
        List<ErpNextStock.Level> erpnext;
        try {
            erpnext = erpNextStock.available(locations.warehouses());
        } catch (ErpNextException | CallNotPermittedException e) {
            log.warn("stock push stopped: ERPNext stock not readable: {}", e.getMessage());
            return;
        }
        for (String shop : shops.domains()) {
            push(shop, shops.forShop(shop).orElseThrow(), erpnext);
        }
    }

    private void push(String shop, ShopifyAdminClient client, List<ErpNextStock.Level> erpnext) {
        Map<InventoryLevel, PushState> states = store.states(shop);
        Map<ErpNextStock.Level, InventoryLevel> due = new LinkedHashMap<>();
        for (ErpNextStock.Level source : erpnext) {
            InventoryLevel level = new InventoryLevel(source.inventoryItemId(),
                    locations.locationOf(source.warehouse()).orElseThrow());
            PushState state = states.get(level);
            if (state == null || state.erpnextAvailable() != source.available() || state.mustBeRevisited()) {
                due.put(source, level);
            }
        }
        InboxSales.Sales sales = due.isEmpty() ? InboxSales.Sales.NONE
                : inboxSales.of(shop, salesSince(due.values().stream().map(states::get).toList()));
        RunCounts counts = new RunCounts();
        String stopped = "";
        boolean refused = false;
        for (Map.Entry<ErpNextStock.Level, InventoryLevel> entry : due.entrySet()) {
            ErpNextStock.Level source = entry.getKey();
            InventoryLevel level = entry.getValue();
            PushState state = states.get(level);
            counts.checked++;
            try {
                pushLevel(shop, client, source, level, state, sales, counts);
            } catch (ShopifyPermanentException e) {
                if (e.refusesTheShop()) {
                    // Every other level would be refused too: one line and no more calls until someone acts.
                    stopped = ", stopped, Shopify refuses the shop: " + e.getMessage();
                    refused = true;
                    break;
                }
                // One level Shopify refuses (not stocked at the location, unknown item) must not block the others.
                log.warn("stock push shop={} Item {} to {}: refused: {}", shop, source.itemCode(), level, e.getMessage());
            } catch (ShopifyTransientException e) {
                // Includes throttling beyond the client's in-process bound: the next run continues.
                stopped = ", stopped: " + e.getMessage();
                break;
            }
        }
        log.atLevel(refused ? Level.WARN : Level.INFO).log("stock push shop={}: {} level(s) checked, {} written,"
                + " {} stale retr{}{}", shop, counts.checked, counts.written, counts.staleRetries,
                counts.staleRetries == 1 ? "y" : "ies", stopped);
    }

    private void pushLevel(String shop, ShopifyAdminClient client, ErpNextStock.Level source, InventoryLevel level,
            PushState state, InboxSales.Sales sales, RunCounts counts) {
        boolean mustRead = state == null || state.shopifyChangedSince();
        Instant seenAt = mustRead ? Instant.now(clock) : state.shopifySeenAt();
        int current = mustRead ? client.available(level.inventoryItemId(), level.locationId()) : state.shopifyAvailable();
        StockTarget.Baseline baseline = state == null ? null : state.baseline();
        int pending = sales.pending(source.itemCode(), level.locationId());
        int arrived = baseline == null ? 0 : sales.arrivedAfter(source.itemCode(), level.locationId(), baseline.at());
        for (int retry = 0; ; retry++) {
            StockTarget target = StockTarget.of(source.available(), pending, baseline, current, seenAt, arrived,
                    Instant.now(clock), properties.getUnexplainedDropGrace());
            if (target.target() == current) {
                store.saveRead(shop, level, source.available(), current, seenAt, target);
                return;
            }
            String key = idempotencyKey(shop, level, target.target(), current, seenAt);
            Instant writingAt = Instant.now(clock);
            long write = store.rememberWrite(shop, level, target.target(), writingAt);
            InventorySetResult result = client.setAvailable(List.of(new InventoryChange(level.inventoryItemId(),
                    level.locationId(), target.target(), current)), key, ADJUSTMENT_REASON, reference(source));
            if (result.isApplied()) {
                store.saveWrite(shop, level, source.available(), writingAt, key, target);
                counts.written++;
                meters.counter("stock.push.writes", "shop", shop).increment();
                return;
            }
            store.forgetWrite(write);
            if (retry == properties.getMaxStaleRetries()) {
                log.warn("stock push shop={} {}: still stale after {} re-reads; left to the next run", shop, level,
                        retry);
                return;
            }
            counts.staleRetries++;
            meters.counter("stock.push.stale", "shop", shop).increment();
            seenAt = Instant.now(clock);
            current = client.available(level.inventoryItemId(), level.locationId());
        }
    }

    /**
     * The oldest baseline of the levels to push, not before stock.sales-lookback: orders that arrived before it
     * explain nothing. Levels never pushed (no state) have no baseline; only their pending orders count.
     */
    private Instant salesSince(List<PushState> states) {
        Instant now = Instant.now(clock);
        Instant lookback = now.minus(properties.getSalesLookback());
        return states.stream().filter(Objects::nonNull).map(state -> state.baseline().at())
                .map(at -> at.isBefore(lookback) ? lookback : at).min(Instant::compareTo).orElse(now);
    }

    /**
     * Fixed by the intended write (the quantity, the figure it changes from and when we learnt that figure), so a call
     * repeated after a lost answer is recognised by Shopify, while a new intention, even with the same figures, is not
     * taken for an old one.
     */
    static String idempotencyKey(String shop, InventoryLevel level, int quantity, int changeFrom, Instant seenAt) {
        String intent = String.join("|", shop, Long.toString(level.inventoryItemId()),
                Long.toString(level.locationId()), Integer.toString(quantity), Integer.toString(changeFrom),
                seenAt.toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(intent.getBytes(StandardCharsets.UTF_8));
            return "erpnext-stock-" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String reference(ErpNextStock.Level source) {
        return "gid://erpnext/Bin/" + URLEncoder.encode(source.itemCode(), StandardCharsets.UTF_8) + "@"
                + URLEncoder.encode(source.warehouse(), StandardCharsets.UTF_8);
    }
}
