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

    /** How long processed webhook ids are kept; must exceed Shopify's retry window (4 h). */
    private Duration dedupeRetention = Duration.ofDays(7);

    /** How often expired processed ids are purged. */
    private Duration dedupePurgeInterval = Duration.ofHours(1);

    private List<Shop> shops = new ArrayList<>();

    public DataSize getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(DataSize maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
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

    public List<Shop> getShops() {
        return shops;
    }

    public void setShops(List<Shop> shops) {
        this.shops = shops;
    }

    /** One Shopify store; every listed secret is accepted so a secret can be rotated without lost deliveries. */
    public static class Shop {
        private String domain;
        private List<String> webhookSecrets = new ArrayList<>();

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

        @Override
        public String toString() {
            return "Shop[" + domain + ", " + webhookSecrets.size() + " secret(s)]";
        }
    }
}
