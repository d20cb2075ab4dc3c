package io.shoperp.onboarding;

import java.util.Map;

import io.shoperp.ingest.ShopRegistry;
import io.shoperp.shopify.ShopifyAdminException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/shops/{domain}/locations} (behind the admin's basic auth): Shopify's locations of the shop, inactive
 * ones included, each with the ERPNext warehouse it maps to or "unmapped", to check {@code erpnext.warehouses}.
 */
@RestController
public class ShopLocationsController {

    private final ShopLocations locations;

    public ShopLocationsController(ShopLocations locations) {
        this.locations = locations;
    }

    @GetMapping("/admin/shops/{domain}/locations")
    public ResponseEntity<Map<String, Object>> locations(@PathVariable String domain) {
        String shop = ShopRegistry.normalise(domain);
        try {
            return locations.list(shop)
                    .<ResponseEntity<Map<String, Object>>>map(list -> ResponseEntity.ok(Map.of("shop", shop,
                            "locations", list)))
                    .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no shop " + shop
                            + " with admin-api-url and admin-api-token in shopify.shops"));
        } catch (ShopifyAdminException e) {
            return error(HttpStatus.BAD_GATEWAY, "Shopify: " + e.getMessage());
        }
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
