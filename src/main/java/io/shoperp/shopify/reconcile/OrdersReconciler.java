package io.shoperp.shopify.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.shoperp.ExchangeProperties;
import io.shoperp.ingest.WebhookDelivery;
import io.shoperp.shopify.ShopifyAdminClient.OrderUpdate;
import io.shoperp.shopify.ShopifyAdminClient.OrdersPage;
import io.shoperp.shopify.ShopifyAdminClients;
import io.shoperp.shopify.ShopifyAdminException;
import io.shoperp.shopify.ShopifyTransientException;
import io.shoperp.shopify.reconcile.OrderFeed.Outcome;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of routes/reconcile.yaml: for each shop with an Admin API, pages the orders Shopify updated since the
 * watermark (minus the overlap) and turns each one the inbox lacks, or holds only in an older version, into a
 * synthetic orders/updated delivery for {@code direct:inbox-store} ({@link OrderFeed}: its webhook id names the order
 * and its version, so a second run, or another instance running at once, stores nothing twice). The watermark moves only after
 * a page's events are stored; a throttled or failing Admin API ends the run where it is, and the next run resumes.
 */
@Component("ordersReconciler")
public class OrdersReconciler {

    private static final Logger log = LoggerFactory.getLogger(OrdersReconciler.class);

    private final ShopifyAdminClients clients;
    private final ReconcileWatermarks watermarks;
    private final OrderFeed feed;
    private final ReconcileMetrics metrics;
    private final ReconcileProperties properties;
    private final Clock clock;

    public OrdersReconciler(ShopifyAdminClients clients, ReconcileWatermarks watermarks, OrderFeed feed,
            ReconcileMetrics metrics, ReconcileProperties properties, Clock clock) {
        this.clients = clients;
        this.watermarks = watermarks;
        this.feed = feed;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** The shops (normalised domains) with Admin API settings, in a stable order. */
    public List<String> shops() {
        return clients.domains().stream().sorted().toList();
    }

    /** Starts a shop's run from its watermark minus the overlap, or the initial look-back when it has none. */
    public ReconcileRun start(@Body String shop) {
        Optional<Instant> watermark = watermarks.find(shop);
        // Whole seconds, rounded down, as Shopify's updated_at filter reads them.
        Instant since = watermark.map(at -> at.minus(properties.getOverlap()))
                .orElseGet(() -> Instant.now(clock).minus(properties.getInitialLookback()))
                .truncatedTo(ChronoUnit.SECONDS);
        return new ReconcileRun(shop, clients.forShop(shop).orElseThrow(
                () -> new IllegalArgumentException("no Admin API configured for " + shop)), since, watermark.orElse(null));
    }

    /**
     * Reads the run's next page and returns the deliveries to store for it, oldest update first. When Shopify fails
     * part-way, the deliveries decided so far are returned and the run ends after them.
     */
    public List<WebhookDelivery> nextPage(@ExchangeProperty(ExchangeProperties.RECONCILE_RUN) ReconcileRun run) {
        List<WebhookDelivery> deliveries = new ArrayList<>();
        try {
            OrdersPage page = run.client().ordersUpdatedSince(run.since(), run.cursor(), properties.getPageSize());
            for (OrderUpdate order : page.orders()) {
                run.seen();
                decide(run, order).ifPresent(deliveries::add);
                run.decided(order.updatedAt());
            }
            run.pageRead(page.hasNextPage(), page.endCursor());
        } catch (ShopifyAdminException e) {
            // Never skip an order: a later run reads it again from the watermark.
            run.stop((e instanceof ShopifyTransientException ? "" : "permanent error: ") + e.getMessage());
        }
        return deliveries;
    }

    /** The page's deliveries are in the inbox: the watermark may now move past them. */
    public void pageStored(@ExchangeProperty(ExchangeProperties.RECONCILE_RUN) ReconcileRun run) {
        metrics.count(run.shop(), Outcome.FED, run.pageFeeds());
        run.pageStored().ifPresent(watermark -> watermarks.advance(run.shop(), watermark));
    }

    /** Logs the run's one line and, when it reached the end of the list, records its success. */
    public void finish(@ExchangeProperty(ExchangeProperties.RECONCILE_RUN) ReconcileRun run) {
        if (run.completed()) {
            metrics.succeeded(run.shop(), Instant.now(clock));
            log.info("reconciled orders of {}", run);
        } else {
            log.warn("reconciled orders of {}", run);
        }
    }

    private Optional<WebhookDelivery> decide(ReconcileRun run, OrderUpdate order) {
        OrderFeed.Decision decision = feed.decide(run.shop(), run.client(), order);
        switch (decision.outcome()) {
            case HELD -> {
                run.skipped();
                metrics.count(run.shop(), Outcome.HELD, 1);
            }
            case GONE -> {
                run.gone();
                metrics.count(run.shop(), Outcome.GONE, 1);
            }
            case FED -> run.willFeed();
        }
        return decision.delivery();
    }
}
