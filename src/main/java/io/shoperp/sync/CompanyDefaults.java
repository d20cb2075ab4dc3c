package io.shoperp.sync;

import java.time.Clock;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.shopify.ShopifyOrder;
import org.springframework.stereotype.Component;

/**
 * What the bridge takes from the ERPNext Company it books into, read once per {@code erpnext.company-cache-ttl}:
 * <ul>
 * <li>its currency: the bridge books an order in its company's currency, since ERPNext refuses an invoice whose
 * currency differs from its receivable account's ("Party Account ... currency (USD) and document currency (EUR)
 * should be same", accounts_controller.py validate_party_account_currency) and a customer's ledger holds one
 * currency. An order of a shop whose currency is not the company's is refused before anything is written, naming
 * what to set;</li>
 * <li>its default Cost Center, the one rows are booked on unless {@code erpnext.cost-center} names another: sent
 * rather than left to ERPNext, whose tax rows default to the user's company and whose GL entries on a profit and
 * loss account refuse an empty one (gl_entry.py pl_must_have_cost_center).</li>
 * </ul>
 */
@Component
public class CompanyDefaults {

    private final ErpNextClient client;
    private final ExpiringCache<Optional<ObjectNode>> companies;

    public CompanyDefaults(ErpNextClient client, ErpNextMappingProperties mapping, Clock clock) {
        this.client = client;
        this.companies = new ExpiringCache<>(mapping.getCompanyCacheTtl(), mapping.getMasterCacheSize(), clock);
    }

    /** @throws UnprocessableEventException when the company does not exist or books in another currency than the order */
    public void requireOrderCurrency(ShopifyOrder order, ErpNextMappingProperties mapping) {
        String company = mapping.company();
        String companyCurrency = company(company).path("default_currency").asText();
        if (!companyCurrency.equalsIgnoreCase(order.currency())) {
            throw new UnprocessableEventException("order " + order.displayName() + " is in " + order.currency() + " but company "
                    + company + " books in " + companyCurrency + ": the bridge books each order in its company's currency;"
                    + " set erpnext.company (or the shop's shopify.shops[N].erpnext.company) to a company whose default"
                    + " currency is " + order.currency() + ", with its own accounts, warehouses and guest customer, then replay");
        }
    }

    /**
     * {@code erpnext.cost-center}, else the company's default Cost Center.
     *
     * @throws UnprocessableEventException when neither is set
     */
    public String costCenter(ErpNextMappingProperties mapping) {
        return mapping.costCenter().orElseGet(() -> {
            String company = mapping.company();
            String costCenter = company(company).path("cost_center").asText("");
            if (costCenter.isBlank()) {
                throw new UnprocessableEventException("missing mapping: erpnext.cost-center is not configured and company "
                        + company + " has no default Cost Center");
            }
            return costCenter;
        });
    }

    private ObjectNode company(String company) {
        return companies.get(company, name -> client.get("Company", name))
                .orElseThrow(() -> new UnprocessableEventException("erpnext.company \"" + company
                        + "\" is not a Company in ERPNext"));
    }
}
