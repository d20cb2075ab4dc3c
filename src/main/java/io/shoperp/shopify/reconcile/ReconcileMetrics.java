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

    enum Outcome {
        /** Sent to the inbox as a synthetic event. */
        FED,
        /** The inbox already holds this version or a newer one. */
        SKIPPED,
        /** Listed by GraphQL but the REST order is not there (deleted, or older than the app may read). */
        GONE
    }

    private final MeterRegistry meters;
    private final Map<String, AtomicLong> lastSuccessByShop = new ConcurrentHashMap<>();

    public ReconcileMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void count(String shop, Outcome outcome, int orders) {
        if (orders > 0) {
            Counter.builder("reconcile.orders")
                    .description("Orders the reconciler compared with the inbox, by outcome")
                    .tag("shop", shop)
                    .tag("outcome", outcome.name().toLowerCase())
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
