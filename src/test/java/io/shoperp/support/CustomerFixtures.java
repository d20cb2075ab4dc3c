package io.shoperp.support;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.InboxStatus;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.shopify.ShopifyCustomer;

/** Shopify customer payloads from the fixtures, changed per test, and the inbox events carrying them. */
public final class CustomerFixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    private CustomerFixtures() {
    }

    /** The full customers/create payload of Bob Norman (id 706405506930370084, default address 1053317291). */
    public static ObjectNode bobNorman() {
        return fixture("customers-create.json");
    }

    public static ObjectNode fixture(String name) {
        try (InputStream in = CustomerFixtures.class.getResourceAsStream("/shopify/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ShopifyCustomer parse(ObjectNode payload) {
        return ShopifyCustomer.parse(bytes(payload));
    }

    public static InboxEvent event(String topic, ObjectNode payload) {
        Instant now = Instant.now();
        return new InboxEvent(1, "shop.myshopify.com", topic, "webhook-" + System.nanoTime(),
                "customer:" + payload.path("id").asText(), now, now, now, bytes(payload), InboxStatus.PROCESSING, 1,
                now, "test-worker", null);
    }

    public static ErpNextMappingProperties mapping() {
        ErpNextMappingProperties mapping = new ErpNextMappingProperties();
        mapping.setCustomerGroup("Individual");
        mapping.setTerritory("United States");
        return mapping;
    }

    private static byte[] bytes(ObjectNode payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
