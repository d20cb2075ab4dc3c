package io.shoperp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.shoperp.ingest.EntityKeys.EntityRef;
import io.shoperp.topics.TopicTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntityKeysTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "orders/create | {\"id\":9223372036854775807,\"line_items\":[{\"id\":1}]} | order:9223372036854775807",
            "orders/paid | {\"customer\":{\"id\":5},\"id\":450789469} | order:450789469",
            "fulfillments/create | {\"id\":255858046,\"order_id\":450789469} | order:450789469",
            "refunds/create | {\"id\":509562969,\"order_id\":450789469} | order:450789469",
            "customers/update | {\"id\":207119551,\"default_address\":{\"id\":1}} | customer:207119551",
            "customers/redact | {\"shop_id\":954889,\"customer\":{\"id\":191167,\"email\":\"x\"}} | customer:191167",
            "customers/data_request | {\"shop_id\":954889,\"customer\":{\"id\":191167}} | customer:191167",
            "shop/redact | {\"shop_id\":954889,\"shop_domain\":\"s.myshopify.com\"} | shop:954889",
            "products/update | {\"id\":632910392,\"variants\":[{\"id\":808950810}]} | product:632910392",
            "inventory_levels/update | {\"inventory_item_id\":271878346596884015,\"location_id\":24826418} | inventory:271878346596884015:24826418",
            "app/uninstalled | {\"id\":548380009,\"name\":\"Super Toys\"} | shop:548380009",
            "collections/create | {\"id\":482865238} | collection:482865238",
    })
    void derivesTheKeyOfTheEntityTheTopicChanges(String topic, String json, String key) {
        assertThat(derive(topic, json).key()).isEqualTo(key);
    }

    @Test
    void readsTheResourceTimestampAsAnInstant() {
        EntityRef ref = derive("orders/updated", "{\"id\":1,\"updated_at\":\"2026-11-29T05:00:00-05:00\"}");

        assertThat(ref.resourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
    }

    @Test
    void fallsBackToCreatedAtForResourcesWithoutUpdatedAt() {
        EntityRef ref = derive("refunds/create", "{\"order_id\":1,\"created_at\":\"2026-11-29T10:00:00Z\"}");

        assertThat(ref.resourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
    }

    @Test
    void aNestedIdFieldOfTheSameNameDoesNotCount() {
        EntityRef ref = derive("refunds/create", "{\"transactions\":[{\"order_id\":99}],\"order_id\":7}");

        assertThat(ref.key()).isEqualTo("order:7");
    }

    @Test
    void aMalformedPayloadGetsAKeyOfItsOwnSoItCanBeStoredAndEndDead() {
        assertThat(derive("orders/create", "{\"id\":1,").key()).isEqualTo("unparsed:wh-1");
        assertThat(derive("orders/create", "[1,2]").key()).isEqualTo("unparsed:wh-1");
        assertThat(derive("orders/create", "").key()).isEqualTo("unparsed:wh-1");
    }

    @Test
    void aPayloadWithoutTheIdIsKeyedByItsDelivery() {
        assertThat(derive("orders/create", "{\"name\":\"#1001\"}").key()).isEqualTo("delivery:wh-1");
    }

    private static EntityRef derive(String topic, String json) {
        return EntityKeys.derive(TopicTable.builtIn().keyRule(topic), "wh-1", json.getBytes(StandardCharsets.UTF_8));
    }
}
