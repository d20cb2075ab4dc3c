package io.shoperp.shopify.reconcile;

import java.time.Instant;
import java.util.Optional;

import io.shoperp.shopify.ShopifyAdminClient;

/**
 * One shop's reconciliation run as the orders-reconcile-shop route pages through it: where it reads from, the cursor,
 * what it has decided, and how far it got. Used by one exchange at a time.
 */
public final class ReconcileRun {

    private final String shop;
    private final ShopifyAdminClient client;
    private final Instant since;
    private Instant watermark;
    private String cursor;
    private boolean morePages = true;
    /** Newest update of the current page whose order is decided; becomes the watermark once the page is stored. */
    private Instant pageProgress;
    private int pageFeeds;
    private int seen;
    private int fed;
    private int skipped;
    private int gone;
    private String stoppedBy;

    ReconcileRun(String shop, ShopifyAdminClient client, Instant since, Instant watermark) {
        this.shop = shop;
        this.client = client;
        this.since = since;
        this.watermark = watermark;
    }

    public String shop() {
        return shop;
    }

    /** Whether the route should ask for (another) page. */
    public boolean hasMorePages() {
        return morePages;
    }

    ShopifyAdminClient client() {
        return client;
    }

    Instant since() {
        return since;
    }

    String cursor() {
        return cursor;
    }

    void seen() {
        seen++;
    }

    void skipped() {
        skipped++;
    }

    void gone() {
        gone++;
    }

    void willFeed() {
        pageFeeds++;
    }

    /** The order updated at {@code updatedAt} is decided; orders come oldest update first. */
    void decided(Instant updatedAt) {
        pageProgress = updatedAt;
    }

    void pageRead(boolean hasNextPage, String endCursor) {
        morePages = hasNextPage;
        cursor = endCursor;
    }

    /** Ends the run after what is decided so far: the next run continues from the stored watermark. */
    void stop(String reason) {
        morePages = false;
        stoppedBy = reason;
    }

    /**
     * The page's events are in the inbox: counts them as fed and returns the watermark to store, if it moved.
     */
    Optional<Instant> pageStored() {
        fed += pageFeeds;
        pageFeeds = 0;
        Instant progress = pageProgress;
        pageProgress = null;
        if (progress == null || (watermark != null && !progress.isAfter(watermark))) {
            return Optional.empty();
        }
        watermark = progress;
        return Optional.of(progress);
    }

    int pageFeeds() {
        return pageFeeds;
    }

    boolean completed() {
        return stoppedBy == null;
    }

    @Override
    public String toString() {
        return "shop " + shop + ": " + seen + " order(s) seen since " + since + ", " + fed + " fed, " + skipped
                + " skipped, " + gone + " gone, watermark " + watermark
                + (stoppedBy == null ? "" : "; stopped early: " + stoppedBy);
    }
}
