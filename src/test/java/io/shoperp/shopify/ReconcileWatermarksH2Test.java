package io.shoperp.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;

import io.shoperp.shopify.reconcile.ReconcileWatermarks;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The V2 migration on H2 (MySQL mode, as the default deployment runs it) and the watermark's rules. */
class ReconcileWatermarksH2Test {

    private static final Instant T0 = Instant.parse("2026-11-29T05:00:00.123456Z");

    private ReconcileWatermarks watermarks;

    @BeforeEach
    void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:reconcile-watermarks-" + System.nanoTime() + ";MODE=MySQL;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        watermarks = new ReconcileWatermarks(new JdbcTemplate(dataSource), Clock.systemUTC());
    }

    @Test
    void aShopWithoutRunsHasNoWatermark() {
        assertThat(watermarks.find("shop.myshopify.com")).isEmpty();
    }

    @Test
    void theWatermarkKeepsMicrosecondsAndOnlyMovesForward() {
        watermarks.advance("shop.myshopify.com", T0);
        watermarks.advance("shop.myshopify.com", T0.minusSeconds(60));
        assertThat(watermarks.find("shop.myshopify.com")).contains(T0);

        watermarks.advance("shop.myshopify.com", T0.plusSeconds(60));
        assertThat(watermarks.find("shop.myshopify.com")).contains(T0.plusSeconds(60));
    }

    @Test
    void eachShopHasItsOwnWatermark() {
        watermarks.advance("a.myshopify.com", T0);
        watermarks.advance("b.myshopify.com", T0.plusSeconds(1));
        assertThat(watermarks.find("a.myshopify.com")).contains(T0);
        assertThat(watermarks.find("b.myshopify.com")).contains(T0.plusSeconds(1));
    }
}
