package io.shoperp.shopify;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.shoperp.ingest.ShopRegistry;
import io.shoperp.ingest.ShopifyProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * One {@link ShopifyAdminClient} per configured shop that has {@code admin-api-url} and {@code admin-api-token},
 * looked up by shop domain in any spelling. Shops without them only send webhooks: reconciliation and stock push skip
 * them. Each client times its calls in the application's registry as {@code shopify.admin.requests}, tagged with the
 * normalised shop domain.
 */
@Component
public class ShopifyAdminClients {

    private static final Logger log = LoggerFactory.getLogger(ShopifyAdminClients.class);

    private final Map<String, ShopifyAdminClient> clientsByDomain;

    @Autowired
    public ShopifyAdminClients(ShopifyProperties properties, ObjectProvider<MeterRegistry> meters) {
        this(properties, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    public ShopifyAdminClients(ShopifyProperties properties, MeterRegistry meters) {
        ShopifyAdminSettings settings = ShopifyAdminSettings.from(properties);
        this.clientsByDomain = properties.getShops().stream()
                .filter(shop -> shop.getDomain() != null && !shop.getDomain().isBlank())
                .filter(ShopifyAdminClients::hasAdminApi)
                .collect(Collectors.toUnmodifiableMap(shop -> ShopRegistry.normalise(shop.getDomain()),
                        shop -> new ShopifyAdminClient(ShopRegistry.normalise(shop.getDomain()), shop.getAdminApiUrl(),
                                shop.getAdminApiToken(), settings, meters),
                        (a, b) -> {
                            throw new IllegalStateException("shopify.shops lists a domain twice");
                        }));
        log.info("Shopify Admin API {} configured for {}", settings.apiVersion(), clientsByDomain.keySet());
    }

    public Optional<ShopifyAdminClient> forShop(String domain) {
        return domain == null ? Optional.empty() : Optional.ofNullable(clientsByDomain.get(ShopRegistry.normalise(domain)));
    }

    /** The domains (normalised) whose Admin API is configured. */
    public Set<String> domains() {
        return clientsByDomain.keySet();
    }

    private static boolean hasAdminApi(ShopifyProperties.Shop shop) {
        boolean url = shop.getAdminApiUrl() != null && !shop.getAdminApiUrl().isBlank();
        boolean token = shop.getAdminApiToken() != null && !shop.getAdminApiToken().isBlank();
        if (url != token) {
            throw new IllegalStateException("shopify.shops: " + shop.getDomain()
                    + " needs both admin-api-url and admin-api-token, or neither");
        }
        return url;
    }
}
