package io.shoperp.mapping;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The ERPNext mapping of each shop: {@code shopify.shops[N].erpnext.*} over the global {@code erpnext.*}, key by key
 * (a map such as tax-accounts or warehouses gains and overrides entries), so two shops can book to two companies
 * with their own warehouses, accounts, price list, guest customer, cost center and series. A shop without its own
 * keys, or a domain no shop lists, uses the global mapping.
 */
@Component
public class ShopMappings {

    private static final String SHOPS = "shopify.shops";

    private final ErpNextMappingProperties global;
    private final Map<String, ErpNextMappingProperties> byShop = new HashMap<>();

    public ShopMappings(ErpNextMappingProperties global, Environment environment) {
        this.global = global;
        Binder binder = Binder.get(environment);
        for (int index = 0; ; index++) {
            String shop = SHOPS + "[" + index + "]";
            BindResult<String> domain = binder.bind(shop + ".domain", String.class);
            if (!domain.isBound()) {
                break;
            }
            if (!domain.get().isBlank()
                    && binder.bind(shop + ".erpnext", Bindable.mapOf(String.class, Object.class)).isBound()) {
                ErpNextMappingProperties own = binder.bind("erpnext", ErpNextMappingProperties.class)
                        .orElseGet(ErpNextMappingProperties::new);
                binder.bind(shop + ".erpnext", Bindable.ofInstance(own));
                byShop.put(key(domain.get()), own);
            }
        }
    }

    /** The mapping of the shop (its own keys over the global ones), or the global mapping. */
    public ErpNextMappingProperties forShop(String shopDomain) {
        return shopDomain == null ? global : byShop.getOrDefault(key(shopDomain), global);
    }

    private static String key(String domain) {
        return domain.strip().toLowerCase(Locale.ROOT);
    }
}
