package io.shoperp.onboarding;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.shoperp.ingest.ShopRegistry;
import io.shoperp.mapping.ShopMappings;
import io.shoperp.shopify.ShopifyAdminClient;
import io.shoperp.shopify.ShopifyAdminClients;
import io.shoperp.shopify.ShopifyAdminException;
import io.shoperp.shopify.ShopifyLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A shop's Shopify locations joined with its {@code erpnext.warehouses} (the shop's own mapping over the global one):
 * the stock push and inventory_levels/update only handle mapped locations, so an active location without a warehouse
 * is stock the bridge silently leaves alone. Hence the WARN at start for each such location.
 */
@Component
public class ShopLocations {

    /** The warehouse shown for a location {@code erpnext.warehouses} does not list. */
    public static final String UNMAPPED = "unmapped";

    private static final Logger LOG = LoggerFactory.getLogger(ShopLocations.class);

    /** @param warehouse the ERPNext warehouse, or {@value #UNMAPPED} */
    public record MappedLocation(long id, String name, boolean active, String warehouse) {
    }

    private final ShopifyAdminClients clients;
    private final ShopMappings mappings;

    public ShopLocations(ShopifyAdminClients clients, ShopMappings mappings) {
        this.clients = clients;
        this.mappings = mappings;
    }

    /**
     * The shop's locations with their warehouses, empty when the shop has no Admin API configured.
     *
     * @throws ShopifyAdminException when Shopify cannot be asked
     */
    public Optional<List<MappedLocation>> list(String shop) {
        return clients.forShop(shop).map(client -> mapped(ShopRegistry.normalise(shop), client));
    }

    /**
     * Once the application runs, before it reports ready: the check is bounded by the Admin API timeouts, and running
     * it in line keeps its calls from racing whatever is asked of Shopify right after the start. Whatever Shopify
     * answers costs one WARN line, never the start.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void warnUnmappedActiveLocations() {
        clients.domains().forEach(this::warnUnmappedActiveLocations);
    }

    private void warnUnmappedActiveLocations(String shop) {
        try {
            list(shop).orElse(List.of()).stream()
                    .filter(location -> location.active() && UNMAPPED.equals(location.warehouse()))
                    .forEach(location -> LOG.warn("shop {}: active location {} \"{}\" has no ERPNext warehouse:"
                            + " its stock is not synchronised; map it with erpnext.warehouses.{}", shop,
                            location.id(), location.name(), location.id()));
        } catch (RuntimeException e) {
            // Not only ShopifyAdminException: an answer the client cannot read must not stop the start either.
            LOG.warn("shop {}: locations not checked against erpnext.warehouses: {}", shop, e.getMessage());
        }
    }

    private List<MappedLocation> mapped(String shop, ShopifyAdminClient client) {
        List<ShopifyLocation> locations = client.locations();
        Map<String, String> warehouses = mappings.forShop(shop).getWarehouses();
        return locations.stream().map(location -> new MappedLocation(location.id(), location.name(), location.active(),
                warehouses.getOrDefault(Long.toString(location.id()), UNMAPPED))).toList();
    }
}
