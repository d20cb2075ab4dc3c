package io.shoperp.stock;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.shoperp.mapping.ErpNextMappingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Shopify location of each ERPNext warehouse, by inverting {@code erpnext.warehouses} (location id -> warehouse).
 * A warehouse several locations map to is not pushed: its stock would be offered once per location and oversold.
 */
@Component
public class StockLocations {

    private static final Logger log = LoggerFactory.getLogger(StockLocations.class);

    private final Map<String, Long> locationByWarehouse;

    public StockLocations(ErpNextMappingProperties mapping) {
        Map<String, Long> inverted = new LinkedHashMap<>();
        Map<String, Integer> locationsPerWarehouse = new HashMap<>();
        mapping.getWarehouses().forEach((location, warehouse) -> {
            long locationId;
            try {
                locationId = Long.parseLong(location.trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException("erpnext.warehouses: key " + location + " is not a Shopify location id");
            }
            inverted.put(warehouse, locationId);
            locationsPerWarehouse.merge(warehouse, 1, Integer::sum);
        });
        locationsPerWarehouse.forEach((warehouse, count) -> {
            if (count > 1) {
                log.warn("Stock push skips warehouse {}: erpnext.warehouses maps {} locations to it", warehouse, count);
                inverted.remove(warehouse);
            }
        });
        this.locationByWarehouse = Map.copyOf(inverted);
    }

    public Set<String> warehouses() {
        return locationByWarehouse.keySet();
    }

    public Optional<Long> locationOf(String warehouse) {
        return Optional.ofNullable(locationByWarehouse.get(warehouse));
    }
}
