package io.shoperp.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Operator settings under {@code shopify.*}: the shops this deployment accepts webhooks from. */
@ConfigurationProperties("shopify")
public class ShopifyProperties {

    /** Larger bodies are refused with 413 before they are read whole. */
    private DataSize maxBodyBytes = DataSize.ofMegabytes(2);

    /**
     * Connections of the ingest transaction's own pool (autocommit off, so an acknowledgement costs its two
     * inserts and a commit and nothing more); webhooks beyond this many at once wait for a connection.
     */
    private int ingestConnections = 10;

    /** How long processed webhook ids are kept; must exceed Shopify's retry window (4 h). */
    private Duration dedupeRetention = Duration.ofDays(7);

    /** How often expired processed ids are purged. */
    private Duration dedupePurgeInterval = Duration.ofHours(1);
    /** While the database refuses deliveries, how often one line sums up the refusals so far. */
    private Duration refusalLogInterval = Duration.ofMinutes(1);

    /**
     * Admin API version in the request path. 2026-04 is the first with {@code changeFromQuantity} and the
     * {@code @idempotent} directive the stock push relies on; Shopify supports a version for about a year.
     */
    private String adminApiVersion = "2026-10";

    private Duration adminApiConnectTimeout = Duration.ofSeconds(5);

    private Duration adminApiReadTimeout = Duration.ofSeconds(30);

    /**
     * Longest the Admin API client waits in-process for a throttled call before retrying it; a longer wait is
     * handed to the caller as ShopifyThrottledException so a worker thread is not parked for long.
     */
    private Duration adminApiMaxThrottleWait = Duration.ofSeconds(5);

    /** How many times one Admin API call is retried in-process after throttling (0: never). */
    private int adminApiThrottleRetries = 2;

    /**
     * How often the shops' webhook subscriptions are compared with the topics the bridge routes (with
     * {@code bridge.public-url} set); the first check runs right after start.
     */
    private Duration webhookCheckInterval = Duration.ofHours(1);

    private List<Shop> shops = new ArrayList<>();

    public Duration getWebhookCheckInterval() {
        return webhookCheckInterval;
    }

    public void setWebhookCheckInterval(Duration webhookCheckInterval) {
        if (webhookCheckInterval == null || webhookCheckInterval.isNegative() || webhookCheckInterval.isZero()) {
            throw new IllegalArgumentException("shopify.webhook-check-interval must be positive, not "
                    + webhookCheckInterval);
        }
        this.webhookCheckInterval = webhookCheckInterval;
    }

    public DataSize getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(DataSize maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public int getIngestConnections() {
        return ingestConnections;
    }

    public void setIngestConnections(int ingestConnections) {
        this.ingestConnections = ingestConnections;
    }

    public Duration getDedupeRetention() {
        return dedupeRetention;
    }

    public void setDedupeRetention(Duration dedupeRetention) {
        this.dedupeRetention = dedupeRetention;
    }

    public Duration getDedupePurgeInterval() {
        return dedupePurgeInterval;
    }

    public void setDedupePurgeInterval(Duration dedupePurgeInterval) {
        this.dedupePurgeInterval = dedupePurgeInterval;
    }

    public Duration getRefusalLogInterval() {
        return refusalLogInterval;
    }

    public void setRefusalLogInterval(Duration refusalLogInterval) {
        this.refusalLogInterval = refusalLogInterval;
    }

    public String getAdminApiVersion() {
        return adminApiVersion;
    }

    public void setAdminApiVersion(String adminApiVersion) {
        this.adminApiVersion = adminApiVersion;
    }

    public Duration getAdminApiConnectTimeout() {
        return adminApiConnectTimeout;
    }

    public void setAdminApiConnectTimeout(Duration adminApiConnectTimeout) {
        this.adminApiConnectTimeout = adminApiConnectTimeout;
    }

    public Duration getAdminApiReadTimeout() {
        return adminApiReadTimeout;
    }

    public void setAdminApiReadTimeout(Duration adminApiReadTimeout) {
        this.adminApiReadTimeout = adminApiReadTimeout;
    }

    public Duration getAdminApiMaxThrottleWait() {
        return adminApiMaxThrottleWait;
    }

    public void setAdminApiMaxThrottleWait(Duration adminApiMaxThrottleWait) {
        this.adminApiMaxThrottleWait = adminApiMaxThrottleWait;
    }

    public int getAdminApiThrottleRetries() {
        return adminApiThrottleRetries;
    }

    public void setAdminApiThrottleRetries(int adminApiThrottleRetries) {
        this.adminApiThrottleRetries = adminApiThrottleRetries;
    }

    public List<Shop> getShops() {
        return shops;
    }

    public void setShops(List<Shop> shops) {
        this.shops = shops;
    }

    /**
     * One Shopify store; every listed secret is accepted so a secret can be rotated without lost deliveries.
     * The Admin API settings are optional: a shop without them only sends webhooks.
     */
    public static class Shop {
        private String domain;
        private List<String> webhookSecrets = new ArrayList<>();
        /** Base URL of the shop's Admin API, e.g. https://name.myshopify.com (the sandbox's URL in tests). */
        private String adminApiUrl;
        /** Admin API access token (X-Shopify-Access-Token): a secret, kept out of toString. */
        private String adminApiToken;
        /**
         * Whether the bridge keeps this shop's webhook subscriptions (needs the Admin API and bridge.public-url);
         * false for a shop whose subscriptions are managed elsewhere.
         */
        private boolean registerWebhooks = true;

        public boolean isRegisterWebhooks() {
            return registerWebhooks;
        }

        public void setRegisterWebhooks(boolean registerWebhooks) {
            this.registerWebhooks = registerWebhooks;
        }

        public String getDomain() {
            return domain;
        }

        public void setDomain(String domain) {
            this.domain = domain;
        }

        public List<String> getWebhookSecrets() {
            return webhookSecrets;
        }

        public void setWebhookSecrets(List<String> webhookSecrets) {
            this.webhookSecrets = webhookSecrets;
        }

        public String getAdminApiUrl() {
            return adminApiUrl;
        }

        public void setAdminApiUrl(String adminApiUrl) {
            this.adminApiUrl = adminApiUrl;
        }

        public String getAdminApiToken() {
            return adminApiToken;
        }

        public void setAdminApiToken(String adminApiToken) {
            this.adminApiToken = adminApiToken;
        }

        @Override
        public String toString() {
            return "Shop[" + domain + ", " + webhookSecrets.size() + " secret(s)"
                    + (adminApiUrl == null ? "" : ", admin API " + adminApiUrl)
                    + (adminApiToken == null || adminApiToken.isEmpty() ? "" : ", token <hidden>") + "]";
        }
    }
}
