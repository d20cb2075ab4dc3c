package io.shoperp.measured;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * kill -9 of an application instance every few seconds while it ingests and processes a storm: two instances on
 * one MariaDB, each killed (SIGKILL) and restarted in turn; senders retry refused deliveries like Shopify.
 * The events a killed instance held resume (another worker takes them) after processing.liveness-timeout, with
 * processing.lease at its default: the longest wait from a kill to a resumption is printed and
 * must not pass 30 s.
 * Sizes: -Dfaults.kill.deliveries (3000), -Dfaults.kill.entities (300), -Dfaults.kill.kills (4),
 * -Dfaults.kill.interval-seconds (4).
 */
class KillNineFaultIT {

    static final int DELIVERIES = Measured.intProperty("faults.kill.deliveries", 3000);
    static final int ENTITIES = Measured.intProperty("faults.kill.entities", 300);
    static final int KILLS = Measured.intProperty("faults.kill.kills", 4);
    static final int INTERVAL_SECONDS = Measured.intProperty("faults.kill.interval-seconds", 4);

    @Test
    void killingInstancesWhileTheyProcessLosesNothingAndDuplicatesNothing() throws Exception {
        StormPlan plan = StormPlan.generate(9, DELIVERIES, ENTITIES, 0.30, 0.10);
        try (FaultEnv env = new FaultEnv("faults_kill")) {
            // A little ERPNext latency keeps events in flight when the kill comes.
            env.sandbox.faults().latency(Duration.ofMillis(15));
            ChildApp a = env.startApp("kill-a", Map.of());
            ChildApp b = env.startApp("kill-b", Map.of());
            StormSender sender = new StormSender(Duration.ofMinutes(3));
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread senders = new Thread(() -> {
                sender.send(plan.deliveries(), 16, t -> env.webhookUrl(t % 2 == 0 ? a : b));
                sending.set(false);
            });
            senders.start();
            AtomicInteger kills = new AtomicInteger();
            StringBuilder killLog = new StringBuilder();
            List<ResumeWatch> watches = new ArrayList<>();
            long started = System.nanoTime();
            while (kills.get() < KILLS) {
                ChildApp.sleep(INTERVAL_SECONDS * 1000L);
                ChildApp victim = kills.get() % 2 == 0 ? a : b;
                // A kill is a fault only when it stops work: wait (a while) until the victim holds events.
                awaitLeasesHeldBy(env, victim.inboxInstanceId(), Duration.ofSeconds(30));
                ResumeWatch watch = new ResumeWatch(env.jdbc, victim.inboxInstanceId(), Duration.ofSeconds(90));
                victim.kill();
                watches.add(watch);
                kills.incrementAndGet();
                killLog.append(String.format("  kill -9 #%d at %.1f s: pid %s (holding %d events)%n", kills.get(),
                        (System.nanoTime() - started) / 1e9, victim == a ? "a" : "b", watch.inFlight()));
                victim.start();
                ChildApp other = victim == a ? b : a;
                if (!other.alive()) {
                    killLog.append("  instance " + (other == a ? "a" : "b") + " had exited by itself: restarted\n");
                    other.start();
                }
            }
            senders.join();
            boolean drained = env.awaitDrained(Duration.ofMinutes(10));
            double longestWait = 0;
            for (int kill = 0; kill < watches.size(); kill++) {
                double wait = watches.get(kill).longestWaitSeconds();
                longestWait = Math.max(longestWait, wait);
                killLog.append(String.format("  kill #%d: %d events in flight, the last resumed after %.1f s%n", kill + 1,
                        watches.get(kill).inFlight(), wait));
                String diagnoses = watches.get(kill).diagnoses();
                if (!diagnoses.isEmpty()) {
                    killLog.append(diagnoses).append(System.lineSeparator());
                }
            }
            killLog.append(String.format("  longest wait from a kill to the resumption of an in-flight event: %.1f s"
                    + " (processing.lease at its default, liveness-timeout 10 s)%n", longestWait));
            FaultLedger ledger = new FaultLedger("kill -9 every " + INTERVAL_SECONDS + " s (" + KILLS + " kills)")
                    .collect(sender, env, Set.of(), ShopifyTruth.of(plan.deliveries(), Set.of()));
            for (int kill = 0; kill < watches.size(); kill++) {
                ledger.faultHit("events leased by the instance at kill #" + (kill + 1), watches.get(kill).inFlight());
            }
            Measured.report(String.format("kill -9: %d deliveries, statuses %s, after %.1f s%n%s",
                    plan.deliveries().size(), sender.statuses, (System.nanoTime() - started) / 1e9, killLog));
            Measured.report(FaultLedger.table(List.of(ledger)));
            assertThat(drained).isTrue();
            ledger.assertClean();
            assertThat(longestWait).as("longest wait from a kill to a resumption, in seconds").isLessThanOrEqualTo(30);
        }
    }

    private static void awaitLeasesHeldBy(FaultEnv env, String owner, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline && env.jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event"
                + " WHERE status = 'PROCESSING' AND lease_owner = ?", Integer.class, owner) == 0) {
            ChildApp.sleep(200);
        }
    }
}
