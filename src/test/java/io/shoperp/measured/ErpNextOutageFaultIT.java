package io.shoperp.measured;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * ERPNext misbehaving for minutes while a storm is processed: first writes that commit but never answer (the
 * client times out and must find the committed document by its business key instead of creating another), then
 * connections refused for -Dfaults.erpnext.outage-seconds (120), then 503s; afterwards everything converges.
 * Size: -Dfaults.erpnext.deliveries (2000).
 */
class ErpNextOutageFaultIT {

    static final int DELIVERIES = Measured.intProperty("faults.erpnext.deliveries", 2000);
    static final int OUTAGE_SECONDS = Measured.intProperty("faults.erpnext.outage-seconds", 120);

    @Test
    void anErpNextOutageWithCommitThenTimeoutAnswersEndsWithOneDocumentPerKey() throws Exception {
        StormPlan plan = StormPlan.generate(13, DELIVERIES, 200, 0.30, 0.10);
        try (FaultEnv env = new FaultEnv("faults_erpnext")) {
            ChildApp a = env.startApp("erp-a", Map.of("erpnext.read-timeout", "1s"));
            ChildApp b = env.startApp("erp-b", Map.of("erpnext.read-timeout", "1s"));
            StormSender sender = new StormSender(Duration.ofMinutes(2));
            Thread senders = new Thread(() -> sender.send(plan.deliveries(), 16, t -> env.webhookUrl(t % 2 == 0 ? a : b)));
            long started = System.nanoTime();
            senders.start();
            ChildApp.sleep(2000);
            // Writes that commit, then the answer is held past the read timeout and the connection dropped.
            env.sandbox.faults().commitThenDropResponse(40, Duration.ofSeconds(2));
            ChildApp.sleep(8000);
            long committedDropped = 40;
            env.sandbox.refuseConnections();
            ChildApp.sleep(OUTAGE_SECONDS * 1000L);
            env.sandbox.faults().failNext(30, 503, null);
            env.sandbox.acceptConnections();
            // And one more round of commit-then-timeout right after the outage.
            env.sandbox.faults().commitThenDropResponse(20, Duration.ofSeconds(2));
            senders.join();
            boolean drained = env.awaitDrained(Duration.ofMinutes(10));
            FaultLedger ledger = new FaultLedger("ERPNext down " + OUTAGE_SECONDS + " s + commit-then-timeout")
                    .collect(sender, env.jdbc, env.sandbox, Set.of(), DuplicateStormFaultIT.expectedKeys(plan));
            Measured.report(String.format("ERPNext outage: %d commit-then-drop writes, refused for %d s, 30 x 503,"
                            + " 20 more commit-then-drop; statuses %s; all applied after %.1f s", committedDropped,
                    OUTAGE_SECONDS, sender.statuses, (System.nanoTime() - started) / 1e9));
            int retried = env.jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE attempts > 1", Integer.class);
            int timeouts = env.jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event_history WHERE LOWER(detail)"
                    + " LIKE '%no answer from erpnext%' OR LOWER(detail) LIKE '%connection to erpnext failed%'", Integer.class);
            Measured.report("  events applied after more than one attempt: " + retried
                    + "; attempts that ended without an answer (timeout / dropped connection): " + timeouts);
            Measured.report(FaultLedger.table(List.of(ledger)));
            assertThat(retried).as("the outage was felt").isPositive();
            assertThat(drained).isTrue();
            assertThat(ledger.duplicates).as("duplicates created").isZero();
            assertThat(ledger.lost).as("events lost: " + ledger.problems).isZero();
        }
    }
}
