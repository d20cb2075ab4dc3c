package io.shoperp.stock;

import static io.shoperp.inbox.UtcColumns.instant;
import static io.shoperp.inbox.UtcColumns.utc;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.shoperp.inbox.UtcColumns;
import io.shoperp.ingest.ShopRegistry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The stock push's memory (V3): per inventory level what it last pushed and saw, and every quantity it wrote, for the
 * echo window. Shop domains are stored normalised.
 */
@Component
public class StockPushStore {

    /**
     * What the push knows of a level.
     *
     * @param erpnextAvailable ERPNext's available figure the last push started from
     * @param shopifyAvailable Shopify's available figure after the last write or read
     * @param shopifySeenAt    when {@code shopifyAvailable} was known to be Shopify's figure
     * @param shopifyChangedAt the newest change Shopify reported that was not ours (an echo), if any
     * @param pushedAt         the last write, empty when the figure was only read
     */
    public record PushState(int erpnextAvailable, int shopifyAvailable, Instant shopifySeenAt,
            Optional<Instant> shopifyChangedAt, Optional<Instant> pushedAt) {

        /** Shopify changed the level after we last knew it: our figure may be out of date. */
        public boolean shopifyChangedSince() {
            return shopifyChangedAt.filter(changed -> changed.isAfter(shopifySeenAt)).isPresent();
        }
    }

    private final JdbcTemplate jdbc;

    public StockPushStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<InventoryLevel, PushState> states(String shop) {
        Map<InventoryLevel, PushState> states = new HashMap<>();
        jdbc.query("SELECT inventory_item_id, location_id, erpnext_available, shopify_available, shopify_seen_at,"
                        + " shopify_changed_at, pushed_at FROM stock_push_state WHERE shop_domain = ?",
                rs -> {
                    states.put(new InventoryLevel(rs.getLong(1), rs.getLong(2)), new PushState(rs.getInt(3),
                            rs.getInt(4), instant(rs, 5), Optional.ofNullable(instant(rs, 6)),
                            Optional.ofNullable(instant(rs, 7))));
                }, ShopRegistry.normalise(shop));
        return states;
    }

    /** Shopify's figure read (not written) while ERPNext's was {@code erpnextAvailable}. */
    public void saveRead(String shop, InventoryLevel level, int erpnextAvailable, int shopifyAvailable, Instant seenAt) {
        save(shop, level, erpnextAvailable, shopifyAvailable, seenAt, null, null);
    }

    /** A write Shopify applied. */
    public void saveWrite(String shop, InventoryLevel level, int erpnextAvailable, int written, Instant writtenAt,
            String idempotencyKey) {
        save(shop, level, erpnextAvailable, written, writtenAt, writtenAt, idempotencyKey);
    }

    /** Recorded before the write is sent: its echo may be processed before the answer arrives. */
    public void rememberWrite(String shop, InventoryLevel level, int quantity, Instant at) {
        jdbc.update("INSERT INTO stock_push_write (shop_domain, inventory_item_id, location_id, quantity, written_at)"
                + " VALUES (?, ?, ?, ?, ?)", ShopRegistry.normalise(shop), level.inventoryItemId(), level.locationId(),
                quantity, utc(at));
    }

    /** The time of our newest write of exactly {@code quantity} to the level since {@code since}. */
    public Optional<Instant> writeOf(String shop, InventoryLevel level, int quantity, Instant since) {
        List<LocalDateTime> times = jdbc.queryForList("SELECT MAX(written_at) FROM stock_push_write"
                        + " WHERE shop_domain = ? AND inventory_item_id = ? AND location_id = ? AND quantity = ?"
                        + " AND written_at >= ?", LocalDateTime.class, ShopRegistry.normalise(shop),
                level.inventoryItemId(), level.locationId(), quantity, utc(since));
        return times.stream().filter(time -> time != null).findFirst().map(UtcColumns::instant);
    }

    /**
     * Shopify reported a change of the level that was not ours, made at {@code changedAt}; the next push re-reads the
     * level if that is newer than what it knows. Levels never pushed are read by the next push anyway.
     */
    public void markShopifyChanged(String shop, InventoryLevel level, Instant changedAt) {
        jdbc.update("UPDATE stock_push_state SET shopify_changed_at = ?"
                        + " WHERE shop_domain = ? AND inventory_item_id = ? AND location_id = ?"
                        + " AND (shopify_changed_at IS NULL OR shopify_changed_at < ?)",
                utc(changedAt), ShopRegistry.normalise(shop), level.inventoryItemId(), level.locationId(),
                utc(changedAt));
    }

    /** Forgets writes older than {@code before}: their echoes are no longer expected. */
    public int forgetWritesBefore(Instant before) {
        return jdbc.update("DELETE FROM stock_push_write WHERE written_at < ?", utc(before));
    }

    private void save(String shop, InventoryLevel level, int erpnextAvailable, int shopifyAvailable, Instant seenAt,
            Instant pushedAt, String idempotencyKey) {
        String domain = ShopRegistry.normalise(shop);
        // A read keeps the last write's time and key: they still say when Shopify last took a figure from us.
        String update = "UPDATE stock_push_state SET erpnext_available = ?, shopify_available = ?, shopify_seen_at = ?"
                + (pushedAt != null ? ", pushed_at = ?, idempotency_key = ?" : "")
                + " WHERE shop_domain = ? AND inventory_item_id = ? AND location_id = ?";
        Object[] arguments = pushedAt != null
                ? new Object[] {erpnextAvailable, shopifyAvailable, utc(seenAt), utc(pushedAt), idempotencyKey, domain,
                        level.inventoryItemId(), level.locationId()}
                : new Object[] {erpnextAvailable, shopifyAvailable, utc(seenAt), domain, level.inventoryItemId(),
                        level.locationId()};
        if (jdbc.update(update, arguments) > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO stock_push_state (shop_domain, inventory_item_id, location_id, erpnext_available,"
                            + " shopify_available, shopify_seen_at, pushed_at, idempotency_key)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", domain, level.inventoryItemId(), level.locationId(),
                    erpnextAvailable, shopifyAvailable, utc(seenAt), utc(pushedAt), idempotencyKey);
        } catch (DuplicateKeyException anotherInstanceInsertedIt) {
            jdbc.update(update, arguments);
        }
    }
}
