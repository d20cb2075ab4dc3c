package io.shoperp.onboarding;

import java.time.Clock;

import io.shoperp.authority.AuthorityProperties;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.ErpNextProperties;
import io.shoperp.ingest.ShopifyProperties;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.ShopMappings;
import io.shoperp.shopify.ShopifyAdminClients;
import io.shoperp.shopify.reconcile.ReconcileProperties;
import io.shoperp.stock.StockProperties;
import org.springframework.beans.factory.ObjectProvider;
import io.shoperp.topics.TopicTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The setup check, shared by the application and {@link SetupCheckCommand}. */
@Configuration(proxyBeanMethods = false)
public class SetupCheckConfiguration {

    @Bean
    public SetupCheck setupCheck(ErpNextClient erpNextClient, ErpNextProperties erpnext, ShopMappings mappings,
                                 ErpNextMappingProperties globalMapping, ShopifyProperties shopify,
                                 ShopifyAdminClients shopifyClients, AuthorityProperties authority,
                                 StockProperties stock, ReconcileProperties reconcile, AdminJobProperties adminJobs,
                                 SetupCheckProperties properties, TopicTable topics, ObjectProvider<Clock> clock) {
        ShopifyChecks shopifyChecks = new ShopifyChecks(shopifyClients, authority, stock, reconcile, adminJobs, globalMapping,
                WebhookRegistration.subscribedTopics(topics));
        return new SetupCheck(erpNextClient, erpnext, mappings, globalMapping, shopify, authority, shopifyChecks,
                properties, clock.getIfAvailable(Clock::systemUTC));
    }
}
