package io.shoperp.erpnext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import io.shoperp.erpnext.sandbox.ErpDocuments;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomFieldSetupTest {

    private ErpNextSandbox sandbox;
    private CustomFieldSetup setup;

    @BeforeEach
    void start() {
        sandbox = ErpNextSandbox.startSeeded();
        setup = new CustomFieldSetup(SandboxClients.client(sandbox));
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    @Test
    void createsEveryKeyFieldUniqueAndReadOnly() {
        CustomFieldSetupReport report = setup.run();

        assertThat(report.created()).containsExactlyInAnyOrder("Customer-shopify_customer_id",
                "Address-shopify_address_id", "Contact-shopify_customer_id", "Item-shopify_variant_id",
                "Item-shopify_inventory_item_id", "Stock Reconciliation-shopify_inventory_event",
                "Sales Order-shopify_order_id", "Sales Invoice-shopify_invoice_key",
                "Payment Entry-shopify_payment_key", "Delivery Note-shopify_fulfillment_id",
                "Sales Order Item-shopify_line_item_id", "Sales Invoice Item-shopify_line_item_id",
                "Delivery Note Item-shopify_line_item_id", "Sales Order-shopify_order_name",
                "Sales Invoice-shopify_order_name", "Delivery Note-shopify_order_name",
                "Address-shopify_address_key", "Sales Order-shopify_order_note", "Sales Order-shopify_order_tags");
        assertThat(sandbox.documents("Custom Field")).hasSize(19)
                .allSatisfy(field -> {
                    boolean reference = List.of("shopify_line_item_id", "shopify_order_name", "shopify_order_note",
                            "shopify_order_tags").contains(field.get("fieldname").asText());
                    assertThat(field.get("unique").asInt()).isEqualTo(reference ? 0 : 1);
                    assertThat(field.get("fieldtype").asText())
                            .isEqualTo(field.get("fieldname").asText().matches("shopify_order_(note|tags)") ? "Small Text" : "Data");
                    assertThat(field.get("read_only").asInt()).isEqualTo(1);
                });
    }

    @Test
    void secondRunChangesNothing() {
        setup.run();
        int postsAfterFirstRun = sandbox.requestCount("POST", "Custom Field");

        CustomFieldSetupReport second = setup.run();

        assertThat(second.created()).isEmpty();
        assertThat(second.alreadyPresent()).hasSize(19);
        assertThat(sandbox.documents("Custom Field")).hasSize(19);
        assertThat(sandbox.requestCount("POST", "Custom Field")).isEqualTo(postsAfterFirstRun);
    }

    @Test
    void fieldWhoseCreateAnswerWasLostIsFoundAndNotCreatedTwice() {
        sandbox.faults().commitThenDropResponse(1, Duration.ZERO);

        CustomFieldSetupReport report = setup.run();

        assertThat(report.alreadyPresent()).containsExactly("Customer-shopify_customer_id");
        assertThat(report.created()).hasSize(18);
        assertThat(sandbox.documents("Custom Field")).hasSize(19);
    }

    @Test
    void existingNonUniqueFieldIsReportedByDoctypeAndFieldAndLeftAlone() {
        sandbox.seedDocument("Custom Field", ErpDocuments.customField("Sales Order", "shopify_order_id", "Order", false)
                .put("name", "Sales Order-shopify_order_id"));

        assertThatThrownBy(setup::run)
                .isInstanceOf(CustomFieldClashException.class)
                .hasMessageContaining("Sales Order.shopify_order_id")
                .hasMessageNotContaining("Customer.shopify_customer_id");
        assertThat(sandbox.document("Custom Field", "Sales Order-shopify_order_id").orElseThrow().get("unique").asInt())
                .isZero();
    }
}
