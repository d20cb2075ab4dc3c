package io.shoperp;

/**
 * The names of the exchange properties the routes (YAML) and the Java beans share, in one place: Java uses these
 * constants, and docs/routes.md lists them for whoever edits a route. A test fails when a route sets or reads a
 * property that is not here.
 */
public final class ExchangeProperties {

    /** ingest.yaml: true once the delivery's HMAC is verified (the answer may then say more than 401). */
    public static final String WEBHOOK_VERIFIED = "shopifyWebhookVerified";
    /** ingest.yaml: the inbox row the delivery was stored as. */
    public static final String INBOX_EVENT_ID = "inboxEventId";
    /** processing.yaml: the InboxEvent being processed, for its outcome once the body is the ApplyOutcome. */
    public static final String INBOX_EVENT = "inboxEvent";
    /** reconcile.yaml: the reconciliation run of one shop, paging through its orders. */
    public static final String RECONCILE_RUN = "reconcileRun";
    /** admin-jobs.yaml: the run of a catalog import or order backfill, paging through Shopify. */
    public static final String ADMIN_JOB = "adminJob";
    /** erpnext-webhook-template.yaml: the verdict on an ERPNext stock or Item Price webhook (accepted, status, message). */
    public static final String ERPNEXT_WEBHOOK_CHECK = "erpnextWebhookCheck";

    private ExchangeProperties() {
    }
}
