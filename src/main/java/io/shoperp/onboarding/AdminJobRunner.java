package io.shoperp.onboarding;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.shoperp.ExchangeProperties;
import io.shoperp.inbox.InboxLeases;
import io.shoperp.ingest.WebhookDelivery;
import io.shoperp.shopify.ShopifyAdminClient;
import io.shoperp.shopify.ShopifyAdminClients;
import io.shoperp.shopify.ShopifyPermanentException;
import io.shoperp.shopify.ShopifyThrottledException;
import io.shoperp.shopify.ShopifyTransientException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of routes/admin-jobs.yaml: claims a due job (one instance runs it; a job whose instance died is resumed
 * by another after {@code admin-jobs.lease}), reads its pages, records each stored page's cursor and counts, and
 * ends the run: DONE at the end of Shopify's list, FAILED on a permanent error, or paused until Shopify's throttle
 * or an outage has passed. An instance that is shutting down takes no job and lets its job go after the page in
 * hand, for any instance to resume at once.
 */
@Component("adminJobs")
public class AdminJobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(AdminJobRunner.class);

    private final AdminJobStore store;
    private final ShopifyAdminClients clients;
    private final InboxLeases instance;
    private final AdminJobProperties properties;
    private final Clock clock;
    private final Map<AdminJob.Kind, JobPages> pagesByKind = new EnumMap<>(AdminJob.Kind.class);

    public AdminJobRunner(AdminJobStore store, ShopifyAdminClients clients, InboxLeases instance,
                          AdminJobProperties properties, Clock clock, List<JobPages> pages) {
        this.store = store;
        this.clients = clients;
        this.instance = instance;
        this.properties = properties;
        this.clock = clock;
        pages.forEach(kind -> pagesByKind.put(kind.kind(), kind));
    }

    /** A due job leased to this instance, or null when there is none (or the instance is shutting down). */
    public JobRun claim() {
        if (instance.isShuttingDown()) {
            return null;
        }
        Optional<AdminJob> claimed = store.claim(instance.instanceId(), leaseUntil());
        if (claimed.isEmpty()) {
            return null;
        }
        AdminJob job = claimed.get();
        Optional<ShopifyAdminClient> client = clients.forShop(job.shop());
        if (client.isEmpty()) {
            store.finish(job.id(), instance.instanceId(), AdminJob.State.FAILED,
                    "no admin-api-url and admin-api-token for " + job.shop() + " in shopify.shops");
            LOG.warn("job {} {} shop={}: FAILED, the shop has no Admin API settings", job.id(), job.kind().label(),
                    job.shop());
            return null;
        }
        LOG.info("job {} {} shop={}: {} on {}", job.id(), job.kind().label(), job.shop(),
                job.startedAt() == null ? "started" : "resumed", instance.instanceId());
        return new JobRun(job, client.get());
    }

    /** The deliveries of the run's next page; none when Shopify failed (the run then pauses or fails). */
    public List<WebhookDelivery> nextPage(@ExchangeProperty(ExchangeProperties.ADMIN_JOB) JobRun run) {
        JobPages pages = pagesByKind.get(run.job().kind());
        try {
            if (run.total() == null) {
                run.counted(pages.count(run));
            }
            return pages.nextPage(run);
        } catch (ShopifyThrottledException e) {
            run.pause(Instant.now(clock).plus(e.retryAfter()), "throttled by Shopify: " + e.getMessage());
        } catch (ShopifyTransientException e) {
            run.pause(Instant.now(clock).plus(properties.getRetryDelay()), e.getMessage());
        } catch (ShopifyPermanentException e) {
            run.fail(e.getMessage());
        }
        return List.of();
    }

    /** The page's deliveries are in the inbox: its cursor and counts are recorded, the lease renewed. */
    public void pageStored(@ExchangeProperty(ExchangeProperties.ADMIN_JOB) JobRun run) {
        if (run.end() == JobRun.End.PAUSED || run.end() == JobRun.End.FAILED) {
            return;
        }
        JobRun.PageCounts page = run.takePage();
        if (!store.pageStored(run.job().id(), instance.instanceId(), run.cursor(), run.total(), page.done(),
                page.stored(), page.failed(), leaseUntil())) {
            run.lost();
        } else if (run.hasMorePages() && instance.isShuttingDown()) {
            run.pause(Instant.now(clock), "its instance shut down");
        }
    }

    /** Storing a page failed (the database, say): the page is read again after admin-jobs.retry-delay. */
    public void storageFailed(@ExchangeProperty(ExchangeProperties.ADMIN_JOB) JobRun run,
                              @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        run.pause(Instant.now(clock).plus(properties.getRetryDelay()), "storing a page failed: " + failure.getMessage());
    }

    /** Records how the run ended, in one log line. */
    public void finish(@ExchangeProperty(ExchangeProperties.ADMIN_JOB) JobRun run) {
        long id = run.job().id();
        String owner = instance.instanceId();
        switch (run.end()) {
            case COMPLETED -> {
                store.finish(id, owner, AdminJob.State.DONE, null);
                LOG.info("{}: DONE", run);
            }
            case FAILED -> {
                store.finish(id, owner, AdminJob.State.FAILED, run.reason());
                LOG.warn("{}: FAILED", run);
            }
            case PAUSED -> {
                store.pause(id, owner, run.resumeAt(), run.reason());
                LOG.info("{}: paused until {}", run, run.resumeAt());
            }
            case LOST -> LOG.warn("{}: stopped", run);
        }
    }

    private Instant leaseUntil() {
        return Instant.now(clock).plus(properties.getLease());
    }
}
