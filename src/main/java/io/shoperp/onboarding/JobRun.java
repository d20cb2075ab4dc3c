package io.shoperp.onboarding;

import java.time.Instant;

import io.shoperp.shopify.ShopifyAdminClient;

/**
 * One instance's run of an admin job as routes/admin-jobs.yaml pages through it: where it reads from, what the page
 * in hand adds, and how the run ends. Used by one exchange at a time.
 */
public final class JobRun {

    /** How the run ends. */
    enum End {
        /** Shopify's list was read to the end. */
        COMPLETED,
        /** A permanent error: the job is FAILED. */
        FAILED,
        /** Throttled, or Shopify or the database failed: the job waits until {@link #resumeAt()}, on any instance. */
        PAUSED,
        /** Another instance holds the job now (this one stopped renewing in time): it writes nothing more. */
        LOST
    }

    private final AdminJob job;
    private final ShopifyAdminClient client;
    private String cursor;
    private boolean morePages = true;
    private Long total;
    private long pageDone;
    private long pageStored;
    private long pageFailed;
    private long done;
    private long stored;
    private long failed;
    private End end = End.COMPLETED;
    private Instant resumeAt;
    private String reason;

    JobRun(AdminJob job, ShopifyAdminClient client) {
        this.job = job;
        this.client = client;
        this.cursor = job.cursor();
        this.total = job.total();
    }

    /** Whether the route should read (another) page. */
    public boolean hasMorePages() {
        return morePages;
    }

    AdminJob job() {
        return job;
    }

    ShopifyAdminClient client() {
        return client;
    }

    String cursor() {
        return cursor;
    }

    /** Null until counted: the first page of a run that has no total counts first. */
    Long total() {
        return total;
    }

    void counted(long total) {
        this.total = total;
    }

    /** One product or order of the page was fed to the inbox. */
    void stored() {
        pageStored++;
        pageDone++;
    }

    /** One product or order of the page the bridge already holds in that version. */
    void held() {
        pageDone++;
    }

    void failed() {
        pageFailed++;
    }

    void pageRead(boolean hasNextPage, String endCursor) {
        morePages = hasNextPage;
        if (endCursor != null) {
            cursor = endCursor;
        }
    }

    /** The page in hand counts no more: it is read again when the job resumes. */
    void pause(Instant resumeAt, String reason) {
        discardPage();
        end(End.PAUSED, reason);
        this.resumeAt = resumeAt;
    }

    void fail(String reason) {
        discardPage();
        end(End.FAILED, reason);
    }

    void lost() {
        end(End.LOST, "taken over by another instance");
    }

    /** The page's counts, once stored; resets them for the next page. */
    PageCounts takePage() {
        PageCounts page = new PageCounts(pageDone, pageStored, pageFailed);
        done += pageDone;
        stored += pageStored;
        failed += pageFailed;
        discardPage();
        return page;
    }

    record PageCounts(long done, long stored, long failed) {
    }

    End end() {
        return end;
    }

    Instant resumeAt() {
        return resumeAt;
    }

    String reason() {
        return reason;
    }

    private void discardPage() {
        pageDone = 0;
        pageStored = 0;
        pageFailed = 0;
    }

    private void end(End end, String reason) {
        this.end = end;
        this.reason = reason;
        morePages = false;
    }

    @Override
    public String toString() {
        return "job " + job.id() + " " + job.kind().label() + " shop=" + job.shop() + ": this run " + done + " done ("
                + stored + " stored), " + failed + " failed, of " + (total == null ? "?" : total)
                + (reason == null ? "" : "; " + reason);
    }
}
