package io.shoperp.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The configured shops, looked up by their myshopify domain (case-insensitive), with their signing keys. */
@Component
public class ShopRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ShopRegistry.class);

    private final Map<String, List<SecretKeySpec>> keysByDomain;

    public ShopRegistry(ShopifyProperties properties) {
        this.keysByDomain = properties.getShops().stream()
                .filter(shop -> shop.getDomain() != null && !shop.getDomain().isBlank())
                .peek(ShopRegistry::requireSecrets)
                .collect(Collectors.toUnmodifiableMap(shop -> normalise(shop.getDomain()), ShopRegistry::signingKeys,
                        (a, b) -> {
                            throw new IllegalStateException("shopify.shops lists a domain twice");
                        }));
        if (keysByDomain.isEmpty()) {
            LOG.warn("shopify.shops lists no shop: every webhook is answered 401");
        } else {
            LOG.info("accepting webhooks from {}", keysByDomain.keySet());
        }
    }

    /** The signing keys of a configured shop; empty for an unknown or missing domain. */
    public Optional<List<SecretKeySpec>> signingKeys(String domain) {
        return domain == null ? Optional.empty() : Optional.ofNullable(keysByDomain.get(normalise(domain)));
    }

    public boolean isKnown(String domain) {
        return signingKeys(domain).isPresent();
    }

    /** The domain as the application stores it, so tags and rows do not depend on the sender's spelling. */
    public static String normalise(String domain) {
        return domain.trim().toLowerCase(Locale.ROOT);
    }

    private static List<SecretKeySpec> signingKeys(ShopifyProperties.Shop shop) {
        return shop.getWebhookSecrets().stream()
                .map(WebhookSignatures::key)
                .collect(Collectors.toUnmodifiableList());
    }

    private static void requireSecrets(ShopifyProperties.Shop shop) {
        if (shop.getWebhookSecrets().stream().noneMatch(secret -> secret != null && !secret.isBlank())) {
            throw new IllegalStateException("shopify.shops: " + shop.getDomain() + " has no webhook-secrets");
        }
        shop.setWebhookSecrets(shop.getWebhookSecrets().stream()
                .filter(secret -> secret != null && !secret.isBlank()).toList());
    }
}
