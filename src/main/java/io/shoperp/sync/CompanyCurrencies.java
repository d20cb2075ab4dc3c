package io.shoperp.sync;

import java.time.Clock;
import java.util.Optional;

import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.shopify.ShopifyOrder;
import org.springframework.stereotype.Component;

/**
 * The bridge books an order in its company's currency: ERPNext refuses an invoice whose currency differs from its
 * receivable account's ("Party Account ... currency (USD) and document currency (EUR) should be same",
 * accounts_controller.py validate_party_account_currency), and a customer's ledger holds one currency. An order of a
 * shop whose currency is not the company's is refused before anything is written, naming what to set. The
 * company's currency is read once per {@code erpnext.company-cache-ttl}.
 */
@Component
public class CompanyCurrencies {

    private final ErpNextClient client;
    private final ErpNextMappingProperties mapping;
    private final ExpiringCache<Optional<String>> currencies;

    public CompanyCurrencies(ErpNextClient client, ErpNextMappingProperties mapping, Clock clock) {
        this.client = client;
        this.mapping = mapping;
        this.currencies = new ExpiringCache<>(mapping.getCompanyCacheTtl(), clock);
    }

    /** @throws UnprocessableEventException when the company does not exist or books in another currency than the order */
    public void requireOrderCurrency(ShopifyOrder order) {
        String company = mapping.company();
        String companyCurrency = currencies.get(company, name -> client.get("Company", name)
                        .map(found -> found.path("default_currency").asText()))
                .orElseThrow(() -> new UnprocessableEventException("erpnext.company \"" + company + "\" is not a Company in ERPNext"));
        if (!companyCurrency.equalsIgnoreCase(order.currency())) {
            throw new UnprocessableEventException("order " + order.displayName() + " is in " + order.currency() + " but company "
                    + company + " books in " + companyCurrency + ": the bridge books each order in its company's currency;"
                    + " set erpnext.company to a company whose default currency is " + order.currency()
                    + " (with its own accounts, warehouses and guest customer) for this shop's bridge, then replay");
        }
    }
}
