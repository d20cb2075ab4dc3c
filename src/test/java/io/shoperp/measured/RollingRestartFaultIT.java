package io.shoperp.measured;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * A rolling restart under load, as Kubernetes or systemd does it: two instances on one MariaDB, each stopped with
 * SIGTERM and started again in turn while senders deliver a storm and retry what is refused, like Shopify. A clean
 * shutdown answers 503 (never a 2xx for a delivery it did not store), hands back what it claimed but had not
 * started and finishes what was running: nothing is lost or doubled, and no event waits for a lease to run out.
 * Sizes: -Dfaults.rolling.deliveries (2000), -Dfaults.rolling.entities (200).
 */
class RollingRestartFaultIT {

    static final int DELIVERIES = Measured.intProperty("faults.rolling.deliveries", 2000);
    static final int ENTITIES = Measured.intProperty("faults.rolling.entities", 200);

    @Test
    void restartingBothInstancesInTurnLosesNothingDuplicatesNothingAndLeavesNoEventWaitingForALease() throws Exception {
        StormPlan plan = StormPlan.generate(13, DELIVERIES, ENTITIES, 0.30, 0.10);
        try (FaultEnv env = new FaultEnv("faults_rolling")) {
            env.sandbox.faults().latency(Duration.ofMillis(15));
            ChildApp a = env.startApp("rolling-a", Map.of());
            ChildApp b = env.startApp("rolling-b", Map.of());
            StormSender sender = new StormSender(Duration.ofMinutes(3));
            Thread senders = new Thread(() -> sender.send(plan.deliveries(), 16, t -> env.webhookUrl(t % 2 == 0 ? a : b)));
            senders.start();
            StringBuilder restarts = new StringBuilder();
            Map<String, Integer> leasedAtStop = new LinkedHashMap<>();
            long started = System.nanoTime();
            for (ChildApp instance : List.of(a, b)) {
                ChildApp.sleep(4000);
                String name = instance == a ? "a" : "b";
                int processing = env.jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE status = 'PROCESSING'"
                        + " AND lease_owner = ?", Integer.class, instance.inboxInstanceId());
                leasedAtStop.put(name, processing);
                long stopping = System.nanoTime();
                instance.stop();
                double stoppedAfter = (System.nanoTime() - stopping) / 1e9;
                instance.start();
                restarts.append(String.format("  SIGTERM to %s at %.1f s (%d events PROCESSING on it): exited after %.1f s,"
                                + " back up after %.1f s%n", name, (stopping - started) / 1e9,
                        processing, stoppedAfter, (System.nanoTime() - stopping) / 1e9));
            }
            senders.join();
            boolean drained = env.awaitDrained(Duration.ofMinutes(10));
            FaultLedger ledger = new FaultLedger("rolling restart (SIGTERM a, then b)")
                    .collect(sender, env, Set.of(), ShopifyTruth.of(plan.deliveries(), Set.of()));
            leasedAtStop.forEach((name, leased) -> ledger.faultHit("events PROCESSING on " + name + " at its SIGTERM", leased));
            int takenOver = env.jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event_history WHERE detail LIKE '%taken over%'",
                    Integer.class);
            int handedBack = env.jdbc.queryForObject(
                    "SELECT COUNT(*) FROM inbox_event_history WHERE detail LIKE 'handed back at shutdown%'", Integer.class);
            Measured.report(String.format("rolling restart: %d deliveries, statuses %s, after %.1f s%n%s"
                            + "  events handed back at shutdown: %d; events that waited for a lease to run out: %d%n",
                    plan.deliveries().size(), sender.statuses, (System.nanoTime() - started) / 1e9, restarts, handedBack,
                    takenOver));
            Measured.report(FaultLedger.table(List.of(ledger)));
            assertThat(drained).isTrue();
            ledger.assertClean();
            assertThat(takenOver).as("events that waited for a lease to run out").isZero();
        }
    }
}
