package io.shoperp.measured;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * ERPNext answering every call in 20 s while leases are short (processing.liveness-timeout 8 s), two instances
 * polling: a worker that is slow but alive renews its leases, so no event is taken over from it and none is applied
 * twice. Size: -Dfaults.slow.entities (4 customers), -Dfaults.slow.call-seconds (20).
 */
class SlowErpNextFaultIT {

    static final int ENTITIES = Measured.intProperty("faults.slow.entities", 4);
    static final int CALL_SECONDS = Measured.intProperty("faults.slow.call-seconds", 20);
    static final int LIVENESS_SECONDS = 8;

    @Test
    void aSlowButLiveWorkerIsNeverOvertaken() throws Exception {
        // Customers only: their events make a few calls each (60-100 s at 20 s a call), which is long enough for many
        // lease renewals; an order's first event makes about ten and would only make the scenario slower.
        List<StormPlan.Delivery> deliveries = StormPlan.generate(17, 2 * ENTITIES, 2 * ENTITIES, 0.0, 0.0).deliveries()
                .stream().filter(delivery -> delivery.topic().startsWith("customers/")).toList();
        try (FaultEnv env = new FaultEnv("faults_slow")) {
            Map<String, String> slow = Map.of("processing.liveness-timeout", LIVENESS_SECONDS + "s",
                    "erpnext.read-timeout", (CALL_SECONDS + 10) + "s");
            ChildApp a = env.startApp("slow-a", slow);
            ChildApp b = env.startApp("slow-b", slow);
            // Slow from now on: the start (custom-field setup) reads ERPNext too.
            env.sandbox.faults().latency(Duration.ofSeconds(CALL_SECONDS));
            StormSender sender = new StormSender(Duration.ofMinutes(1));
            long started = System.nanoTime();
            sender.send(deliveries, 4, t -> env.webhookUrl(t % 2 == 0 ? a : b));
            boolean drained = env.awaitDrained(Duration.ofMinutes(15));
            FaultLedger ledger = new FaultLedger("ERPNext calls of " + CALL_SECONDS + " s, liveness-timeout " + LIVENESS_SECONDS + " s")
                    .collect(sender, env, Set.of(), ShopifyTruth.of(deliveries, Set.of()));
            // An event worked on longer than the liveness timeout in its one attempt is one a takeover could have hit.
            ledger.faultHit("events worked on for longer than liveness-timeout in their first attempt",
                    env.jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE attempts = 1"
                            + " AND TIMESTAMPDIFF(SECOND, first_attempt_at, updated_at) > ?", Long.class, LIVENESS_SECONDS));
            int takenOver = env.jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event_history WHERE detail LIKE '%taken over%'",
                    Integer.class);
            int maxAttempts = env.jdbc.queryForObject("SELECT MAX(attempts) FROM inbox_event", Integer.class);
            Measured.report(String.format("slow ERPNext: %d deliveries in %.1f s; events taken over from a live worker: %d;"
                    + " most attempts of one event: %d%n", deliveries.size(), (System.nanoTime() - started) / 1e9,
                    takenOver, maxAttempts));
            Measured.report(FaultLedger.table(List.of(ledger)));
            assertThat(drained).isTrue();
            assertThat(takenOver).as("events taken over from a live worker").isZero();
            assertThat(maxAttempts).isEqualTo(1);
            ledger.assertClean();
        }
    }
}
