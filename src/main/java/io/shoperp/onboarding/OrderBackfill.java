package io.shoperp.onboarding;

import java.util.ArrayList;
import java.util.List;

import io.shoperp.ingest.WebhookDelivery;
import io.shoperp.shopify.ShopifyAdminClient.OrderUpdate;
import io.shoperp.shopify.ShopifyAdminClient.OrdersPage;
import io.shoperp.shopify.reconcile.OrderFeed;
import org.springframework.stereotype.Component;

/**
 * The order backfill's pages: every order updated in the job's range, oldest update first, fed to the inbox exactly as
 * the reconciliation feeds it ({@link OrderFeed}): a version the bridge holds is skipped, and the webhook id names the
 * order and its version, so a second backfill, or a reconciliation of the same orders, stores nothing twice.
 */
@Component
class OrderBackfill implements JobPages {

    private final OrderFeed feed;
    private final AdminJobProperties properties;

    OrderBackfill(OrderFeed feed, AdminJobProperties properties) {
        this.feed = feed;
        this.properties = properties;
    }

    @Override
    public AdminJob.Kind kind() {
        return AdminJob.Kind.ORDERS_BACKFILL;
    }

    @Override
    public long count(JobRun run) {
        return run.client().ordersUpdatedBetweenCount(run.job().from(), run.job().to());
    }

    @Override
    public List<WebhookDelivery> nextPage(JobRun run) {
        OrdersPage page = run.client().ordersUpdatedBetween(run.job().from(), run.job().to(), run.cursor(),
                properties.getOrdersPageSize());
        List<WebhookDelivery> deliveries = new ArrayList<>();
        for (OrderUpdate order : page.orders()) {
            OrderFeed.Decision decision = feed.decide(run.job().shop(), run.client(), order);
            switch (decision.outcome()) {
                case FED -> {
                    deliveries.add(decision.delivery().orElseThrow());
                    run.stored();
                }
                case HELD -> run.held();
                case GONE -> run.failed();
            }
        }
        run.pageRead(page.hasNextPage(), page.endCursor());
        return deliveries;
    }
}
