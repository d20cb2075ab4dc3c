package io.shoperp.sync;

import static io.shoperp.mapping.CustomerMapper.CUSTOMER;
import static io.shoperp.mapping.CustomerMapper.CUSTOMER_KEY;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.CreateResult;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.ErpNextPermanentException;
import io.shoperp.inbox.NotReadyException;
import io.shoperp.mapping.CustomerMapper;
import io.shoperp.mapping.CustomerNames;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.shopify.ShopifyCustomer;
import io.shoperp.sync.KeyedUpsert.Change;
import io.shoperp.sync.KeyedUpsert.Upserted;

/**
 * The ERPNext Customer of a Shopify customer, found by its unique shopify_customer_id and created when missing, with
 * the two ways ERPNext refuses a new Customer's name handled (under its default "Customer Name" naming, where the
 * Customer is named after customer_name):
 * <ul>
 * <li>409 DuplicateEntryError: another Customer of the same name was created between ERPNext's check for a free name
 * and its insert (two Shopify customers of one name applied in parallel). Nothing holds our key, and the next attempt
 * is named "X - 1": {@link NotReadyException}, retried, rather than a permanent failure.</li>
 * <li>409 NameError: the name itself is refused (frappe/model/naming.py validate_name: "Customer", "New Customer…";
 * ERPNext's Customer.validate_name_with_customer_group: the name of a Customer Group). The Customer is created under
 * the placeholder name and then given its customer_name, which a save does not rename.</li>
 * </ul>
 */
final class ErpNextCustomers {

    private final ErpNextClient client;
    private final ErpNextMappingProperties mapping;
    private final KeyedUpsert upsert;

    ErpNextCustomers(ErpNextClient client, ErpNextMappingProperties mapping) {
        this.client = client;
        this.mapping = mapping;
        this.upsert = new KeyedUpsert(client);
    }

    /**
     * The name of the Customer holding this Shopify customer's id, created when there is none; an existing one is
     * left as it is. For orders, whose customer data may be older than the customers/* events.
     *
     * @throws NotReadyException when ERPNext gave the name to another new Customer at the same moment (transient)
     */
    String ensure(ShopifyCustomer customer) {
        ObjectNode desired = CustomerMapper.customer(customer, mapping);
        return existing(desired).orElseGet(() -> create(customer, desired).document()).path("name").asText();
    }

    /**
     * The Customer brought up to date with the Shopify customer (created, or only the differing fields written).
     *
     * @throws NotReadyException when ERPNext gave the name to another new Customer at the same moment (transient)
     */
    Upserted upsert(ShopifyCustomer customer) {
        ObjectNode desired = CustomerMapper.customer(customer, mapping);
        Optional<ObjectNode> existing = existing(desired);
        if (existing.isPresent()) {
            return upsert.updateDifferences(CUSTOMER, existing.get(), desired);
        }
        CreateResult created = create(customer, desired);
        if (created.createdByThisCall()) {
            return new Upserted(created.document(), Change.CREATED);
        }
        // A racing worker or a create whose answer was lost got there first; its copy may hold older values.
        return upsert.updateDifferences(CUSTOMER, created.document(), desired);
    }

    private Optional<ObjectNode> existing(ObjectNode desired) {
        return client.findByKey(CUSTOMER, CUSTOMER_KEY, desired.path(CUSTOMER_KEY).asText());
    }

    private CreateResult create(ShopifyCustomer customer, ObjectNode desired) {
        try {
            return client.create(CUSTOMER, desired, CUSTOMER_KEY);
        } catch (ErpNextPermanentException e) {
            if (e.hasExcType("DuplicateEntryError")) {
                throw new NotReadyException("another ERPNext Customer took this customer's name at the same moment"
                        + " (" + e.getMessage() + "); the next attempt gets a name of its own");
            }
            if (e.hasExcType("NameError")) {
                return createUnderPlaceholderName(customer, desired);
            }
            throw e;
        }
    }

    private CreateResult createUnderPlaceholderName(ShopifyCustomer customer, ObjectNode desired) {
        ObjectNode placeholder = desired.deepCopy().put("customer_name", CustomerNames.placeholder(customer));
        CreateResult created = client.create(CUSTOMER, placeholder, CUSTOMER_KEY);
        ObjectNode named = upsert.updateDifferences(CUSTOMER, created.document(), desired).document();
        return new CreateResult(named, created.createdByThisCall());
    }
}
