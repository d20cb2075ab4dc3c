package io.shoperp.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

class ShopMappingsTest {

    private final MockEnvironment environment = new MockEnvironment()
            .withProperty("erpnext.company", "Shop Co")
            .withProperty("erpnext.warehouse", "Stores - SC")
            .withProperty("erpnext.tax-accounts.VAT", "VAT - SC")
            .withProperty("erpnext.tax-accounts.GST", "GST - SC")
            .withProperty("erpnext.guest-customer", "Guest")
            .withProperty("shopify.shops[0].domain", "first.myshopify.com")
            .withProperty("shopify.shops[1].domain", "Second.myshopify.com")
            .withProperty("shopify.shops[1].erpnext.company", "Second Co")
            .withProperty("shopify.shops[1].erpnext.cost-center", "Main - S2")
            .withProperty("shopify.shops[1].erpnext.tax-accounts.VAT", "VAT - S2")
            .withProperty("shopify.shops[1].erpnext.naming-series.sales-order", "S2-SO-.YYYY.-");

    private final ShopMappings mappings = new ShopMappings(global(), environment);

    @Test
    void aShopsOwnKeysOverrideTheGlobalOnesKeyByKey() {
        ErpNextMappingProperties second = mappings.forShop("second.myshopify.com");

        assertThat(second.company()).isEqualTo("Second Co");
        assertThat(second.costCenter()).contains("Main - S2");
        assertThat(second.namingSeriesFor("Sales Order")).contains("S2-SO-.YYYY.-");
        assertThat(second.getTaxAccounts()).isEqualTo(Map.of("VAT", "VAT - S2", "GST", "GST - SC"));
        assertThat(second.warehouseFor(null)).isEqualTo("Stores - SC");
        assertThat(second.guestCustomer()).isEqualTo("Guest");
    }

    @Test
    void aShopWithoutKeysOfItsOwnAndAnUnknownShopUseTheGlobalMapping() {
        assertThat(mappings.forShop("first.myshopify.com").company()).isEqualTo("Shop Co");
        assertThat(mappings.forShop("unknown.myshopify.com").company()).isEqualTo("Shop Co");
        assertThat(mappings.forShop("first.myshopify.com").costCenter()).isEmpty();
    }

    private ErpNextMappingProperties global() {
        return Binder.get(environment).bind("erpnext", ErpNextMappingProperties.class).get();
    }
}
