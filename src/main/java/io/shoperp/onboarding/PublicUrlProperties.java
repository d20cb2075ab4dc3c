package io.shoperp.onboarding;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bridge.public-url}: the HTTPS address Shopify reaches this deployment at (its load balancer or tunnel), e.g.
 * https://bridge.example.com. With it set, the bridge keeps each shop's webhook subscriptions pointing at
 * {@code <public-url>/webhooks/shopify} ({@link WebhookRegistration}); without it, subscriptions are left alone.
 */
@ConfigurationProperties("bridge")
public class PublicUrlProperties {

    /** Where Shopify delivers, below the public URL. */
    public static final String WEBHOOK_PATH = "/webhooks/shopify";

    private URI publicUrl;

    public URI getPublicUrl() {
        return publicUrl;
    }

    /** Refused at start unless HTTPS with a host: Shopify delivers to nothing else, so a wrong value would only fail later. */
    public void setPublicUrl(URI publicUrl) {
        if (publicUrl != null && !publicUrl.toString().isBlank()) {
            if (!"https".equals(String.valueOf(publicUrl.getScheme()).toLowerCase(Locale.ROOT))
                    || publicUrl.getHost() == null || publicUrl.getQuery() != null || publicUrl.getFragment() != null) {
                throw new IllegalArgumentException("bridge.public-url must be an https:// address with a host and"
                        + " no query, not " + publicUrl);
            }
            this.publicUrl = publicUrl;
        } else {
            this.publicUrl = null;
        }
    }

    /**
     * Derived, not a setting: whether the webhook subscription job's timer runs
     * ({@code {{bridge:bridge.public-url-set}}} in routes/webhook-subscriptions.yaml).
     */
    public boolean isPublicUrlSet() {
        return publicUrl != null;
    }

    /** {@code <public-url>/webhooks/shopify}, or empty without a public URL. */
    public Optional<String> webhookAddress() {
        return Optional.ofNullable(publicUrl).map(url -> url.toString().replaceAll("/+$", "") + WEBHOOK_PATH);
    }
}
