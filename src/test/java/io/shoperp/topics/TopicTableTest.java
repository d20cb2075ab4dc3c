package io.shoperp.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The one table of topics: keys, data kinds and stages, for listed topics, their families and a deployment's rows. */
class TopicTableTest {

    private final TopicTable table = TopicTable.builtIn();

    @Test
    void topicsMapToTheKindsTheyChange() {
        assertThat(table.dataKind("customers/update")).contains(DataKind.CUSTOMER_DETAILS);
        assertThat(table.dataKind("products/create")).contains(DataKind.PRODUCT_DETAILS);
        assertThat(table.dataKind("orders/paid")).contains(DataKind.ORDERS);
        assertThat(table.dataKind("fulfillments/create")).contains(DataKind.ORDERS);
        assertThat(table.dataKind("refunds/create")).contains(DataKind.ORDERS);
        assertThat(table.dataKind("inventory_levels/update")).contains(DataKind.STOCK);
        assertThat(table.dataKind("customers/redact")).isEmpty();
        assertThat(table.dataKind("app/uninstalled")).isEmpty();
    }

    @Test
    void aTopicNotListedTakesItsFamilysKeyAndKindAndHasNoStage() {
        assertThat(table.keyRule("orders/delete")).hasToString("order:id");
        assertThat(table.keyRule("customers/delete")).hasToString("customer:id");
        assertThat(table.dataKind("customers/delete")).contains(DataKind.CUSTOMER_DETAILS);
        assertThat(table.keyRule("app/scopes_update")).hasToString("shop:id");
        assertThat(table.keyRule("collections/create")).hasToString("collection:id");
        assertThat(table.dataKind("collections/create")).isEmpty();
        assertThat(table.stageOf("orders/delete")).isEmpty();
    }

    @Test
    void stagesListTheTopicsRoutedToThem() {
        assertThat(table.topicsRoutedTo("direct:compliance-redact")).containsExactly("customers/redact", "shop/redact");
        assertThat(table.stageOf("refunds/create")).contains("direct:refunds-sync");
    }

    @Test
    void aDeploymentAddsATopicAndChangesAStage() {
        TopicProperties.Row edited = new TopicProperties.Row();
        edited.setEntityKey("order:order_edit.order_id");
        edited.setDataKind("orders");
        edited.setStage("direct:orders-edited");
        TopicProperties.Row ignored = new TopicProperties.Row();
        ignored.setStage("");

        TopicTable deployed = TopicTable.with(Map.of("orders/edited", edited, "products/update", ignored));

        assertThat(deployed.keyRule("orders/edited")).hasToString("order:order_edit.order_id");
        assertThat(deployed.dataKind("orders/edited")).contains(DataKind.ORDERS);
        assertThat(deployed.stageOf("orders/edited")).contains("direct:orders-edited");
        assertThat(deployed.stageOf("products/update")).isEmpty();
        assertThat(deployed.dataKind("products/update")).contains(DataKind.PRODUCT_DETAILS);
    }

    @Test
    void aNewTopicWithoutEntityKeyOrWithAWrongOneIsRefused() {
        TopicProperties.Row keyless = new TopicProperties.Row();
        keyless.setStage("direct:x");
        TopicProperties.Row wrong = new TopicProperties.Row();
        wrong.setEntityKey("order");

        assertThatThrownBy(() -> TopicTable.with(Map.of("orders/edited", keyless)))
                .hasMessageContaining("bridge.topics.\"orders/edited\".entity-key is required");
        assertThatThrownBy(() -> TopicTable.with(Map.of("orders/edited", wrong)))
                .hasMessageContaining("is not <entity>:<field>");
    }
}
