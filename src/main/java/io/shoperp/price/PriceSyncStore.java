package io.shoperp.price;

import static io.shoperp.inbox.UtcColumns.instant;
import static io.shoperp.inbox.UtcColumns.utc;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.shoperp.ingest.ShopRegistry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The price sync's memory (V8): per shop and variant, a {@link PriceState}. Shop domains are stored normalised. */
@Component
public class PriceSyncStore {

    private final JdbcTemplate jdbc;

    public PriceSyncStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Long, PriceState> states(String shop) {
        Map<Long, PriceState> states = new HashMap<>();
        jdbc.query("SELECT variant_id, item_code, erpnext_price, shopify_price, shopify_seen_at, written_price,"
                        + " written_at, shopify_changed_at FROM price_sync_state WHERE shop_domain = ?",
                rs -> {
                    states.put(rs.getLong(1), new PriceState(rs.getString(2),
                            Optional.ofNullable(rs.getBigDecimal(3)), rs.getBigDecimal(4), instant(rs, 5),
                            Optional.ofNullable(rs.getBigDecimal(6)), Optional.ofNullable(instant(rs, 7)),
                            Optional.ofNullable(instant(rs, 8))));
                }, ShopRegistry.normalise(shop));
        return states;
    }

    /**
     * Both sides hold {@code price} as of {@code seenAt} (read, or written to ERPNext): the variant is in sync. A
     * change Shopify reported before that second is settled by it.
     */
    public void saveInSync(String shop, long variantId, String itemCode, BigDecimal price, Instant seenAt) {
        // A report older than what was seen of the same price must not make later reports look new.
        upsert(shop, variantId, itemCode, price, seenAt, "erpnext_price = ?, shopify_price = ?,"
                + " shopify_seen_at = GREATEST(shopify_seen_at, ?),"
                + " shopify_changed_at = CASE WHEN shopify_changed_at < ? THEN NULL ELSE shopify_changed_at END",
                price, price, utc(seenAt), utc(seenAt.truncatedTo(ChronoUnit.SECONDS)));
    }

    /**
     * Recorded before the write is sent, since its products/update echo may be processed before the call's answer
     * arrives. ERPNext's price counts as pushed only once Shopify applied it ({@link #saveInSync}).
     */
    public void rememberWrite(String shop, long variantId, String itemCode, BigDecimal price, Instant at) {
        upsert(shop, variantId, itemCode, price, at, "shopify_price = ?, shopify_seen_at = ?, written_price = ?,"
                + " written_at = ?", price, utc(at), price, utc(at));
    }

    /**
     * Shopify reported {@code price} at {@code updatedAt}, a change that was not ours: it is Shopify's price from then
     * on, and the next push looks at the variant.
     */
    public void recordShopifyChange(String shop, long variantId, BigDecimal price, Instant updatedAt) {
        jdbc.update("UPDATE price_sync_state SET shopify_price = ?, shopify_seen_at = ?, shopify_changed_at = ?"
                        + " WHERE shop_domain = ? AND variant_id = ?", price, utc(updatedAt), utc(updatedAt),
                ShopRegistry.normalise(shop), variantId);
    }

    private void upsert(String shop, long variantId, String itemCode, BigDecimal shopifyPrice, Instant seenAt,
            String assignments, Object... values) {
        String domain = ShopRegistry.normalise(shop);
        Object[] arguments = new Object[values.length + 3];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = itemCode;
        arguments[values.length + 1] = domain;
        arguments[values.length + 2] = variantId;
        String update = "UPDATE price_sync_state SET " + assignments + ", item_code = ?"
                + " WHERE shop_domain = ? AND variant_id = ?";
        if (jdbc.update(update, arguments) > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO price_sync_state (shop_domain, variant_id, item_code, shopify_price,"
                    + " shopify_seen_at) VALUES (?, ?, ?, ?, ?)", domain, variantId, itemCode, shopifyPrice, utc(seenAt));
        } catch (DuplicateKeyException anotherInstanceInsertedIt) {
            // Set below like any other row.
        }
        jdbc.update(update, arguments);
    }
}
