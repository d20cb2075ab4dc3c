package io.shoperp.onboarding;

import java.util.ArrayList;
import java.util.List;

import io.shoperp.inbox.HeldVersions;
import io.shoperp.ingest.SyntheticDeliveries;
import io.shoperp.ingest.WebhookDelivery;
import io.shoperp.shopify.ShopifyAdminClient.CatalogPage;
import io.shoperp.shopify.ShopifyAdminClient.CatalogProduct;
import org.springframework.stereotype.Component;

/**
 * The catalog import's pages: every product with all its variants, each fed to the inbox as a synthetic
 * products/update, so its Items are ensured by the same stage and rules as a products/* webhook (the inventory item
 * link included) and the next stock push covers them. The webhook id names the product and its version: a second
 * import of an unchanged catalog stores nothing, and a product the bridge already holds in that version is skipped.
 */
@Component
class CatalogImport implements JobPages {

    static final String TOPIC = "products/update";
    private static final String TOPIC_FAMILY = "products/";

    private final HeldVersions held;
    private final SyntheticDeliveries deliveries;

    CatalogImport(HeldVersions held, SyntheticDeliveries deliveries) {
        this.held = held;
        this.deliveries = deliveries;
    }

    @Override
    public AdminJob.Kind kind() {
        return AdminJob.Kind.PRODUCTS_IMPORT;
    }

    @Override
    public long count(JobRun run) {
        return run.client().productsCount();
    }

    @Override
    public List<WebhookDelivery> nextPage(JobRun run) {
        CatalogPage page = run.client().catalogPage(run.cursor());
        List<WebhookDelivery> deliveries = new ArrayList<>();
        for (CatalogProduct product : page.products()) {
            if (held.holds(run.job().shop(), "product:" + product.id(), TOPIC_FAMILY, product.updatedAt())) {
                run.held();
            } else {
                deliveries.add(delivery(run.job().shop(), product));
                run.stored();
            }
        }
        run.pageRead(page.hasNextPage(), page.endCursor());
        return deliveries;
    }

    private WebhookDelivery delivery(String shop, CatalogProduct product) {
        return deliveries.of(shop, TOPIC, "import:product:" + product.id() + ":" + product.updatedAt().toEpochMilli(),
                product.updatedAt(), product.restJson());
    }
}
