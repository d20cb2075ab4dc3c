package io.shoperp.stock;

import static io.shoperp.inbox.UtcColumns.instant;
import static io.shoperp.inbox.UtcColumns.utc;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.shoperp.ingest.ShopRegistry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The stock push's memory (V3, V7): per inventory level what it last pushed and saw, its sales accounting
 * ({@link StockTarget.Baseline}), and every quantity it is writing, so the one webhook each write causes is
 * recognised as its echo. Shop domains are stored normalised.
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
     * @param baseline         the sales accounting of the level
     */
    public record PushState(int erpnextAvailable, int shopifyAvailable, Instant shopifySeenAt,
            Optional<Instant> shopifyChangedAt, Optional<Instant> pushedAt, StockTarget.Baseline baseline) {

        /**
         * Shopify changed the level after we last knew it: our figure may be out of date. Shopify's updated_at has
         * whole seconds, so a change in the same second as our look counts as after it (and is re-read).
         */
        public boolean shopifyChangedSince() {
            Instant seenSecond = shopifySeenAt.truncatedTo(ChronoUnit.SECONDS);
            return shopifyChangedAt.filter(changed -> !changed.isBefore(seenSecond)).isPresent();
        }

        /** The level has to be looked at again even when nothing changed: a drop is held back for a while. */
        public boolean mustBeRevisited() {
            return shopifyChangedSince() || baseline.unexplainedSince().isPresent();
        }
    }

    private final JdbcTemplate jdbc;

    public StockPushStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<InventoryLevel, PushState> states(String shop) {
        Map<InventoryLevel, PushState> states = new HashMap<>();
        jdbc.query("SELECT inventory_item_id, location_id, erpnext_available, shopify_available, shopify_seen_at,"
                        + " shopify_changed_at, pushed_at, baseline_available, baseline_at, pushed_since_baseline,"
                        + " reported_decrease, unexplained_since FROM stock_push_state WHERE shop_domain = ?",
                rs -> {
                    int shopifyAvailable = rs.getInt(4);
                    Instant seenAt = instant(rs, 5);
                    Integer baselineAvailable = (Integer) rs.getObject(8);
                    // A level last pushed before baselines were kept starts from what the push last knew.
                    StockTarget.Baseline baseline = baselineAvailable == null
                            ? StockTarget.Baseline.at(shopifyAvailable, seenAt)
                            : new StockTarget.Baseline(baselineAvailable, instant(rs, 9), rs.getInt(10),
                                    rs.getInt(11), Optional.ofNullable(instant(rs, 12)));
                    states.put(new InventoryLevel(rs.getLong(1), rs.getLong(2)), new PushState(rs.getInt(3),
                            shopifyAvailable, seenAt, Optional.ofNullable(instant(rs, 6)),
                            Optional.ofNullable(instant(rs, 7)), baseline));
                }, ShopRegistry.normalise(shop));
        return states;
    }

    /** Shopify's figure read (not written) while ERPNext's was {@code erpnextAvailable}, left as {@code target} says. */
    public void saveRead(String shop, InventoryLevel level, int erpnextAvailable, int shopifyAvailable, Instant seenAt,
            StockTarget target) {
        save(shop, level, erpnextAvailable, shopifyAvailable, seenAt, null, null, target);
    }

    /** A write of {@code target} Shopify applied. */
    public void saveWrite(String shop, InventoryLevel level, int erpnextAvailable, Instant writtenAt,
            String idempotencyKey, StockTarget target) {
        save(shop, level, erpnextAvailable, target.target(), writtenAt, writtenAt, idempotencyKey, target);
    }

    /**
     * Recorded before the write is sent, since its echo may be processed before the call's answer arrives.
     *
     * @return the record, to forget when Shopify does not apply the write
     */
    public long rememberWrite(String shop, InventoryLevel level, int quantity, Instant at) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO stock_push_write (shop_domain,"
                    + " inventory_item_id, location_id, quantity, written_at) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS);
            insert.setString(1, ShopRegistry.normalise(shop));
            insert.setLong(2, level.inventoryItemId());
            insert.setLong(3, level.locationId());
            insert.setInt(4, quantity);
            insert.setObject(5, utc(at));
            return insert;
        }, key);
        return Objects.requireNonNull(key.getKeys()).values().stream().map(Number.class::cast)
                .findFirst().orElseThrow().longValue();
    }

    /** A write Shopify refused (a stale compare): it causes no webhook, so nothing may be taken for its echo. */
    public void forgetWrite(long write) {
        jdbc.update("DELETE FROM stock_push_write WHERE id = ?", write);
    }

    /**
     * Whether a webhook reporting {@code quantity} with {@code updatedAt} (whole seconds) is the echo of our latest
     * write to the level since {@code since}: that write, of that quantity, not yet claimed by another webhook, and
     * not after the webhook's second. It is claimed here, so the echo is recognised once. Any other report, even of a
     * quantity we wrote earlier, is someone else's change.
     *
     * @return when the write it echoes was made
     */
    public Optional<Instant> claimEcho(String shop, InventoryLevel level, int quantity, Instant updatedAt,
            Instant since, Instant now) {
        List<LatestWrite> latest = jdbc.query("SELECT id, quantity, written_at, echoed_at FROM stock_push_write"
                        + " WHERE shop_domain = ? AND inventory_item_id = ? AND location_id = ? AND written_at >= ?"
                        + " ORDER BY written_at DESC, id DESC LIMIT 1",
                (rs, row) -> new LatestWrite(rs.getLong(1), rs.getInt(2), instant(rs, 3), instant(rs, 4) != null),
                ShopRegistry.normalise(shop), level.inventoryItemId(), level.locationId(), utc(since));
        Optional<LatestWrite> echoed = latest.stream().filter(write -> write.quantity() == quantity
                && !write.echoed() && !updatedAt.isBefore(write.writtenAt().truncatedTo(ChronoUnit.SECONDS))).findFirst();
        return echoed.filter(write -> jdbc.update("UPDATE stock_push_write SET echoed_at = ? WHERE id = ?"
                + " AND echoed_at IS NULL", utc(now), write.id()) == 1).map(LatestWrite::writtenAt);
    }

    private record LatestWrite(long id, int quantity, Instant writtenAt, boolean echoed) {
    }

    /**
     * Shopify reported the level at {@code available}, a change that was not ours (an echo), made at
     * {@code changedAt}: the next push re-reads the level if that is not older than what it knows, and a decrease
     * from the figure Shopify last reported counts as a possible sale. Levels never pushed are read by the next push
     * anyway.
     */
    public void recordShopifyChange(String shop, InventoryLevel level, int available, Instant changedAt) {
        // Old news (a change before what the push last saw, by whole seconds) neither counts nor moves the figure.
        Object notBefore = utc(changedAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        jdbc.update("UPDATE stock_push_state SET"
                        + " reported_decrease = reported_decrease + CASE WHEN shopify_seen_at < ?"
                        + " THEN GREATEST(0, COALESCE(reported_available, shopify_available) - ?) ELSE 0 END,"
                        + " reported_available = CASE WHEN shopify_seen_at < ? THEN ? ELSE reported_available END,"
                        + " shopify_changed_at = CASE WHEN shopify_changed_at IS NULL OR shopify_changed_at < ?"
                        + " THEN ? ELSE shopify_changed_at END"
                        + " WHERE shop_domain = ? AND inventory_item_id = ? AND location_id = ?",
                notBefore, available, notBefore, available, utc(changedAt), utc(changedAt),
                ShopRegistry.normalise(shop), level.inventoryItemId(), level.locationId());
    }

    /** Shopify reported the figure we wrote (our echo): decreases count from it. */
    public void recordEcho(String shop, InventoryLevel level, int available) {
        jdbc.update("UPDATE stock_push_state SET reported_available = ?"
                        + " WHERE shop_domain = ? AND inventory_item_id = ? AND location_id = ?",
                available, ShopRegistry.normalise(shop), level.inventoryItemId(), level.locationId());
    }

    /** Forgets writes older than {@code before}: their echoes are no longer expected. */
    public int forgetWritesBefore(Instant before) {
        return jdbc.update("DELETE FROM stock_push_write WHERE written_at < ?", utc(before));
    }

    private void save(String shop, InventoryLevel level, int erpnextAvailable, int shopifyAvailable, Instant seenAt,
            Instant pushedAt, String idempotencyKey, StockTarget target) {
        String domain = ShopRegistry.normalise(shop);
        StockTarget.Baseline baseline = target.next();
        Object unexplainedSince = utc(baseline.unexplainedSince().orElse(null));
        // Decreases reported while this push ran stay counted: only what the target accounted for is taken off.
        // A read keeps the last write's time and key: they still say when Shopify last took a figure from us.
        String update = "UPDATE stock_push_state SET erpnext_available = ?, shopify_available = ?, shopify_seen_at = ?,"
                + " baseline_available = ?, baseline_at = ?, pushed_since_baseline = ?, unexplained_since = ?,"
                + " reported_available = ?, reported_decrease = reported_decrease - ?"
                + (pushedAt != null ? ", pushed_at = ?, idempotency_key = ?" : "")
                + " WHERE shop_domain = ? AND inventory_item_id = ? AND location_id = ?";
        List<Object> arguments = new ArrayList<>(List.of(erpnextAvailable, shopifyAvailable, utc(seenAt),
                baseline.available(), utc(baseline.at()), baseline.pushedSince()));
        arguments.add(unexplainedSince);
        arguments.addAll(List.of(shopifyAvailable, target.settledDecrease()));
        if (pushedAt != null) {
            arguments.addAll(List.of(utc(pushedAt), idempotencyKey));
        }
        arguments.addAll(List.of(domain, level.inventoryItemId(), level.locationId()));
        if (jdbc.update(update, arguments.toArray()) > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO stock_push_state (shop_domain, inventory_item_id, location_id, erpnext_available,"
                            + " shopify_available, shopify_seen_at, pushed_at, idempotency_key, baseline_available,"
                            + " baseline_at, pushed_since_baseline, unexplained_since, reported_available)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", domain, level.inventoryItemId(),
                    level.locationId(), erpnextAvailable, shopifyAvailable, utc(seenAt), utc(pushedAt), idempotencyKey,
                    baseline.available(), utc(baseline.at()), baseline.pushedSince(), unexplainedSince,
                    shopifyAvailable);
        } catch (DuplicateKeyException anotherInstanceInsertedIt) {
            jdbc.update(update, arguments.toArray());
        }
    }
}
