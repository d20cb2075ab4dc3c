package io.shoperp.sync;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.inbox.OrderFacts;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.ShopMappings;
import io.shoperp.shopify.ShopifyAdminClients;
import org.springframework.stereotype.Component;

/**
 * The handlers of a shop's order-to-cash and customer events, built on that shop's ERPNext mapping
 * ({@link ShopMappings}): two shops may book to two companies with their own accounts, warehouses, price list, guest
 * customer, cost center, series and invoice policy. Shops that share the global mapping share one set.
 */
@Component
public class ShopHandlers {

    /** One mapping's handlers. */
    public record Handlers(OrderSync orders, FulfillmentSync fulfillments, RefundSync refunds, PaymentSync payments,
                           CustomerSync customers) {
    }

    private final ShopMappings mappings;
    private final ErpNextClient client;
    private final SalesDocuments documents;
    private final CompanyDefaults companies;
    private final ShopifyAdminClients adminClients;
    private final OrderFacts orderFacts;
    private final Clock clock;
    /** By mapping instance: ErpNextMappingProperties has identity equality, one instance per shop with keys of its own. */
    private final Map<ErpNextMappingProperties, Handlers> byMapping = new ConcurrentHashMap<>();

    public ShopHandlers(ShopMappings mappings, ErpNextClient client, SalesDocuments documents, CompanyDefaults companies,
                        ShopifyAdminClients adminClients, OrderFacts orderFacts, Clock clock) {
        this.mappings = mappings;
        this.client = client;
        this.documents = documents;
        this.companies = companies;
        this.adminClients = adminClients;
        this.orderFacts = orderFacts;
        this.clock = clock;
    }

    public Handlers of(String shopDomain) {
        return byMapping.computeIfAbsent(mappings.forShop(shopDomain), this::build);
    }

    private Handlers build(ErpNextMappingProperties mapping) {
        OrderInvoicing invoicing = new OrderInvoicing(documents, mapping);
        FulfillmentSync fulfillments = new FulfillmentSync(client, documents, mapping);
        PaymentSync payments = new PaymentSync(client, documents, invoicing, adminClients, mapping);
        return new Handlers(
                new OrderSync(client, documents, mapping, fulfillments, companies, invoicing, payments, clock),
                fulfillments,
                new RefundSync(client, documents, orderFacts, mapping),
                payments,
                new CustomerSync(client, mapping, clock));
    }
}
