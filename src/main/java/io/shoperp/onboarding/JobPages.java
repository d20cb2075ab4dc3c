package io.shoperp.onboarding;

import java.util.List;

import io.shoperp.ingest.WebhookDelivery;

/** What one kind of admin job reads from Shopify, page by page. */
interface JobPages {

    AdminJob.Kind kind();

    /** How many products or orders the job covers, as Shopify counts them now. */
    long count(JobRun run);

    /**
     * Reads the page after the run's cursor, counts each of its products or orders on the run, and calls
     * {@link JobRun#pageRead} with the next cursor.
     *
     * @return the deliveries to store for the page
     */
    List<WebhookDelivery> nextPage(JobRun run);
}
