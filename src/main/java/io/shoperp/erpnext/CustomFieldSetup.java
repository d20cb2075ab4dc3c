package io.shoperp.erpnext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the unique custom fields that hold Shopify business keys, so that ERPNext's database itself refuses a
 * second document for one key. Idempotent: fields already in place are left alone.
 */
public class CustomFieldSetup {

    public static final List<RequiredCustomField> REQUIRED_FIELDS = List.of(
            RequiredCustomField.key("Customer", "shopify_customer_id", "Shopify Customer ID", "customer_name"),
            RequiredCustomField.key("Address", "shopify_address_id", "Shopify Address ID", "address_title"),
            // An order's billing and shipping address: Shopify gives them no id, so a digest of what they hold.
            RequiredCustomField.key("Address", "shopify_address_key", "Shopify Address Key", "shopify_address_id"),
            RequiredCustomField.key("Contact", "shopify_customer_id", "Shopify Customer ID", "last_name"),
            RequiredCustomField.key("Item", "shopify_variant_id", "Shopify Variant ID", "item_name"),
            // The stock push finds an Item's Shopify inventory item by it; one inventory item is one variant.
            RequiredCustomField.key("Item", "shopify_inventory_item_id", "Shopify Inventory Item ID",
                    "shopify_variant_id"),
            RequiredCustomField.key("Sales Order", "shopify_order_id", "Shopify Order ID", "customer"),
            RequiredCustomField.key("Sales Invoice", "shopify_invoice_key", "Shopify Invoice Key", "customer"),
            RequiredCustomField.key("Payment Entry", "shopify_payment_key", "Shopify Payment Key", "party"),
            RequiredCustomField.key("Delivery Note", "shopify_fulfillment_id", "Shopify Fulfillment ID", "customer"),
            // Only when Shopify owns stock: one reconciliation per inventory_levels/update delivery, even on replay.
            RequiredCustomField.key("Stock Reconciliation", "shopify_inventory_event", "Shopify Inventory Event",
                    "posting_date"),
            // The order's name ("#1001") for people in ERPNext; not po_no, which ERPNext allows once per customer.
            RequiredCustomField.reference("Sales Order", "shopify_order_name", "Shopify Order", "shopify_order_id"),
            RequiredCustomField.reference("Sales Invoice", "shopify_order_name", "Shopify Order", "shopify_invoice_key"),
            RequiredCustomField.reference("Delivery Note", "shopify_order_name", "Shopify Order", "shopify_fulfillment_id"),
            // For people in ERPNext: the buyer's note and the merchant's tags, as Shopify shows them.
            RequiredCustomField.text("Sales Order", "shopify_order_note", "Shopify Order Note", "shopify_order_name"),
            RequiredCustomField.text("Sales Order", "shopify_order_tags", "Shopify Order Tags", "shopify_order_note"),
            // Rows point back at the Shopify line they came from, so later documents find the Sales Order row.
            RequiredCustomField.reference("Sales Order Item", "shopify_line_item_id", "Shopify Line Item ID", "item_code"),
            RequiredCustomField.reference("Sales Invoice Item", "shopify_line_item_id", "Shopify Line Item ID",
                    "item_code"),
            RequiredCustomField.reference("Delivery Note Item", "shopify_line_item_id", "Shopify Line Item ID",
                    "item_code"));

    static final String CUSTOM_FIELD = "Custom Field";

    private static final Logger log = LoggerFactory.getLogger(CustomFieldSetup.class);

    private final ErpNextClient client;
    private final List<RequiredCustomField> fields;

    public CustomFieldSetup(ErpNextClient client) {
        this(client, REQUIRED_FIELDS);
    }

    CustomFieldSetup(ErpNextClient client, List<RequiredCustomField> fields) {
        this.client = client;
        this.fields = fields;
    }

    /**
     * @throws CustomFieldClashException naming every doctype and field that exists without being unique
     * @throws ErpNextException when ERPNext cannot be reached or refuses a field
     */
    public CustomFieldSetupReport run() {
        List<String> created = new ArrayList<>();
        List<String> alreadyPresent = new ArrayList<>();
        List<String> clashes = new ArrayList<>();
        for (RequiredCustomField field : fields) {
            Optional<ObjectNode> existing = client.get(CUSTOM_FIELD, field.recordName());
            if (existing.isEmpty()) {
                existing = createField(field);
            }
            if (existing.isEmpty()) {
                created.add(field.recordName());
            } else if (!field.unique() || existing.get().path("unique").asInt() == 1) {
                alreadyPresent.add(field.recordName());
            } else {
                clashes.add(field.doctype() + "." + field.fieldname());
            }
        }
        if (!clashes.isEmpty()) {
            throw new CustomFieldClashException("ERPNext custom fields exist but are not unique: " + clashes
                    + ". Make them unique (after removing duplicate values) or delete them, then run the setup again.");
        }
        CustomFieldSetupReport report = new CustomFieldSetupReport(created, alreadyPresent);
        log.info("ERPNext custom field setup: {}", report);
        return report;
    }

    /**
     * Empty when this call created the field. When the create failed in a way that may mean the field exists after
     * all (its answer was lost, or another instance created it first: 417 "already exists"), the field as stored.
     */
    private Optional<ObjectNode> createField(RequiredCustomField field) {
        ObjectNode record = ErpNextClient.objectMapper().createObjectNode()
                .put("dt", field.doctype())
                .put("fieldname", field.fieldname())
                .put("label", field.label())
                .put("fieldtype", field.fieldtype())
                .put("insert_after", field.insertAfter())
                .put("unique", field.unique() ? 1 : 0)
                .put("read_only", 1)
                .put("no_copy", 1);
        try {
            client.insert(CUSTOM_FIELD, record);
            return Optional.empty();
        } catch (ErpNextException e) {
            // 417 "already exists", or 409 when another instance's create committed while this one was validating.
            boolean mayExistNow = e instanceof ErpNextTransientException lost ? lost.requestMayHaveBeenApplied()
                    : e.status() == 417 || e.status() == 409;
            Optional<ObjectNode> stored = mayExistNow ? client.get(CUSTOM_FIELD, field.recordName()) : Optional.empty();
            return Optional.of(stored.orElseThrow(() -> e));
        }
    }
}
