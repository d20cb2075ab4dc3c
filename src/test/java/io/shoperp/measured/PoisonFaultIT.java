package io.shoperp.measured;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Poison payloads among ordinary traffic: malformed JSON with a valid signature and orders with an unknown SKU
 * (erpnext.create-missing-items=false) go DEAD with a reason, while every other event flows to DONE.
 * Size: -Dfaults.poison.entities (200 = 100 customers + 100 orders), 20 poison deliveries.
 */
class PoisonFaultIT {

    static final int ENTITIES = Measured.intProperty("faults.poison.entities", 200);

    @Test
    void poisonGoesDeadWithAReasonWhileEverythingElseFlows() {
        Random random = new Random(7);
        List<StormPlan.Delivery> deliveries = new ArrayList<>();
        ObjectNode customerFixture = (ObjectNode) StormPlan.read("/shopify/customers-create.json");
        int customers = ENTITIES / 2;
        for (int c = 0; c < customers; c++) {
            long customerId = 7_300_000_000_000L + c;
            deliveries.add(delivery("customers/create", StormPlan.bytes(StormPlan.customer(customerFixture, customerId,
                    StormPlan.T0, 0))));
        }
        for (int o = 0; o < ENTITIES - customers; o++) {
            long orderId = 5_300_000_000_000L + o;
            ObjectNode order = StormPlan.orderWithKnownSkus(orderId, 7_300_000_000_000L + o % customers);
            deliveries.add(delivery("orders/create", StormPlan.bytes(order)));
            deliveries.add(delivery("orders/paid", StormPlan.bytes(order.deepCopy()
                    .put("updated_at", StormPlan.T0.plusSeconds(60).toString()).put("financial_status", "paid"))));
        }
        Set<String> poison = new HashSet<>();
        for (int p = 0; p < 10; p++) {
            // Signed correctly, but not JSON (cut off / garbage).
            String body = p % 2 == 0 ? "{\"id\": " + (5_399_000_000_000L + p) + ", \"line_items\": [ {\"sku\": "
                    : "this is not json <" + p + ">";
            StormPlan.Delivery bad = delivery(p % 3 == 0 ? "customers/update" : "orders/create",
                    body.getBytes(StandardCharsets.UTF_8));
            deliveries.add(bad);
            poison.add(bad.webhookId());
        }
        for (int p = 0; p < 10; p++) {
            StormPlan.Delivery bad = delivery("orders/create",
                    StormPlan.bytes(StormPlan.orderWithUnknownSku(5_398_000_000_000L + p)));
            deliveries.add(bad);
            poison.add(bad.webhookId());
        }
        Collections.shuffle(deliveries, random);

        try (FaultEnv env = new FaultEnv("faults_poison")) {
            ChildApp app = env.startApp("poison", Map.of("erpnext.create-missing-items", "false"));
            StormSender sender = new StormSender(Duration.ofMinutes(1));
            sender.send(deliveries, 8, t -> env.webhookUrl(app));
            boolean drained = env.awaitDrained(Duration.ofMinutes(10));
            FaultLedger ledger = new FaultLedger("poison payloads (20 of " + deliveries.size() + ")")
                    .collect(sender, env, poison, ShopifyTruth.of(deliveries, poison));
            ledger.faultHit("poison deliveries that reached processing and ended DEAD with a reason", ledger.expectedDead);
            List<String> reasons = env.jdbc.queryForList("SELECT DISTINCT CONCAT(topic, ' -> ', LEFT(status_reason, 140))"
                    + " FROM inbox_event WHERE status = 'DEAD'", String.class);
            Measured.report(FaultLedger.table(List.of(ledger)));
            Measured.report("DEAD reasons:\n  " + String.join("\n  ", reasons));
            assertThat(drained).isTrue();
            assertThat(ledger.expectedDead).isEqualTo(poison.size());
            assertThat(ledger.dead).isEqualTo(poison.size());
            ledger.assertClean();
        }
    }

    static StormPlan.Delivery delivery(String topic, byte[] body) {
        return new StormPlan.Delivery(topic, UUID.randomUUID().toString(), body, "", 0, false);
    }
}
