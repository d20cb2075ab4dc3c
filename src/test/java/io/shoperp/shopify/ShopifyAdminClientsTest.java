package io.shoperp.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoperp.ingest.ShopifyProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ShopifyAdminClientsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ShopifyProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, ShopifyAdminClients.class)
            .withPropertyValues(
                    "shopify.shops[0].domain=Admin.myshopify.com",
                    "shopify.shops[0].webhook-secrets[0]=s",
                    "shopify.shops[0].admin-api-url=https://admin.myshopify.com",
                    "shopify.shops[0].admin-api-token=shpat_secret_token",
                    "shopify.shops[1].domain=webhooks-only.myshopify.com",
                    "shopify.shops[1].webhook-secrets[0]=s");

    @Test
    void buildsAClientPerShopWithAnAdminApiAndKeepsTheTokenOutOfToString() {
        context.withPropertyValues("shopify.admin-api-version=2026-04").run(app -> {
            ShopifyAdminClients clients = app.getBean(ShopifyAdminClients.class);
            assertThat(clients.domains()).containsExactly("admin.myshopify.com");
            assertThat(clients.forShop("ADMIN.myshopify.com")).hasValueSatisfying(client ->
                    assertThat(client.toString()).contains("https://admin.myshopify.com/admin/api/2026-04"));
            assertThat(clients.forShop("webhooks-only.myshopify.com")).isEmpty();

            ShopifyProperties properties = app.getBean(ShopifyProperties.class);
            assertThat(properties.getShops().get(0).getAdminApiToken()).isEqualTo("shpat_secret_token");
            assertThat(properties.getShops().toString()).doesNotContain("shpat_secret_token").contains("<hidden>");
        });
    }

    @Test
    void refusesAnAdminApiUrlWithoutAToken() {
        context.withPropertyValues("shopify.shops[1].admin-api-url=https://webhooks-only.myshopify.com")
                .run(app -> assertThat(app).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("needs both admin-api-url and admin-api-token"));
    }
}
