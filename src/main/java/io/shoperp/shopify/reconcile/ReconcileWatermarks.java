package io.shoperp.shopify.reconcile;

import static io.shoperp.inbox.UtcColumns.utc;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

import io.shoperp.inbox.UtcColumns;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The reconcile_watermark table: per shop, the newest order update the reconciler has fully processed. It only moves
 * forward, so two instances reconciling at once cannot pull it back.
 */
@Component
public class ReconcileWatermarks {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ReconcileWatermarks(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Instant> find(String shop) {
        return jdbc.queryForList("SELECT watermark FROM reconcile_watermark WHERE shop_domain = ?", LocalDateTime.class,
                shop).stream().findFirst().map(UtcColumns::instant);
    }

    /** Moves the shop's watermark to {@code to}, unless it is there or further already. */
    public void advance(String shop, Instant to) {
        LocalDateTime watermark = utc(to);
        LocalDateTime now = utc(Instant.now(clock));
        int moved = jdbc.update("UPDATE reconcile_watermark SET watermark = ?, updated_at = ?"
                + " WHERE shop_domain = ? AND watermark < ?", watermark, now, shop, watermark);
        if (moved == 0 && find(shop).isEmpty()) {
            try {
                jdbc.update("INSERT INTO reconcile_watermark (shop_domain, watermark, updated_at) VALUES (?, ?, ?)",
                        shop, watermark, now);
            } catch (DuplicateKeyException anotherInstanceWasFirst) {
                advance(shop, to);
            }
        }
    }
}
