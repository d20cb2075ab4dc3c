package io.shoperp.sync;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The appliers named by the stage routes (orders.yaml, fulfillments.yaml, ...), each routing by the event's shop. */
@Configuration(proxyBeanMethods = false)
public class ShopAppliers {

    @Bean
    ShopApplier orderSync(ShopHandlers handlers) {
        return new ShopApplier(handlers, (shop, event) -> shop.orders().apply(event));
    }

    @Bean
    ShopApplier fulfillmentSync(ShopHandlers handlers) {
        return new ShopApplier(handlers, (shop, event) -> shop.fulfillments().apply(event));
    }

    @Bean
    ShopApplier refundSync(ShopHandlers handlers) {
        return new ShopApplier(handlers, (shop, event) -> shop.refunds().apply(event));
    }

    @Bean
    ShopApplier paymentSync(ShopHandlers handlers) {
        return new ShopApplier(handlers, (shop, event) -> shop.payments().apply(event));
    }

    @Bean
    ShopApplier customerSync(ShopHandlers handlers) {
        return new ShopApplier(handlers, (shop, event) -> shop.customers().apply(event));
    }
}
