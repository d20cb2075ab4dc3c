package io.shoperp.shopify.reconcile;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code reconcile.orders} (counter by shop and outcome: fed, skipped, gone) and {@code reconcile.last.success}
 * (gauge by shop: epoch seconds of the last run that reached the end of Shopify's list), so an alert can fire when
 * reconciliation has not completed for a while.
 */
@Component
public class ReconcileMetrics {

    private final MeterRegistry meters;
    private final Map<String, AtomicLong> lastSuccessByShop = new ConcurrentHashMap<>();

    public ReconcileMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Counts under outcome fed, skipped (the inbox held the version) or gone. */
    void count(String shop, OrderFeed.Outcome outcome, int orders) {
        if (orders > 0) {
            Counter.builder("reconcile.orders")
                    .description("Orders the reconciler compared with the inbox, by outcome")
                    .tag("shop", shop)
                    .tag("outcome", outcome == OrderFeed.Outcome.HELD ? "skipped" : outcome.name().toLowerCase())
                    .register(meters)
                    .increment(orders);
        }
    }

    void succeeded(String shop, Instant at) {
        lastSuccessByShop.computeIfAbsent(shop, this::registerLastSuccess).set(at.getEpochSecond());
    }

    private AtomicLong registerLastSuccess(String shop) {
        AtomicLong epochSeconds = new AtomicLong();
        Gauge.builder("reconcile.last.success", epochSeconds, AtomicLong::get)
                .description("When the last complete reconciliation run of the shop ended (epoch seconds)")
                .baseUnit("seconds")
                .tag("shop", shop)
                .register(meters);
        return epochSeconds;
    }
}
