package io.shoperp.measured;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import org.junit.jupiter.api.Test;

/**
 * ERPNext misbehaving for minutes while a storm is processed: first writes that commit but never answer (the
 * client times out and must find the committed document by its business key instead of creating another), then
 * connections refused for -Dfaults.erpnext.outage-seconds (120), then 503s; afterwards everything converges. Half of
 * the storm is sent before the outage, half while ERPNext refuses connections.
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
            List<StormPlan.Delivery> deliveries = plan.deliveries();
            int half = deliveries.size() / 2;
            Thread beforeOutage = sending(sender, deliveries.subList(0, half), env, a, b);
            long started = System.nanoTime();
            beforeOutage.start();
            ChildApp.sleep(2000);
            // Writes that commit, then the answer is held past the read timeout and the connection dropped.
            env.sandbox.faults().commitThenDropResponse(40, Duration.ofSeconds(2));
            ChildApp.sleep(8000);
            env.sandbox.refuseConnections();
            // The second half arrives during the outage, so it meets work however fast the first half was applied.
            Thread duringOutage = sending(sender, deliveries.subList(half, deliveries.size()), env, a, b);
            duringOutage.start();
            ChildApp.sleep(OUTAGE_SECONDS * 1000L);
            env.sandbox.faults().failNext(30, 503, null);
            env.sandbox.acceptConnections();
            // And one more round of commit-then-timeout right after the outage.
            env.sandbox.faults().commitThenDropResponse(20, Duration.ofSeconds(2));
            beforeOutage.join();
            duringOutage.join();
            boolean drained = env.awaitDrained(Duration.ofMinutes(10));
            FaultLedger ledger = new FaultLedger("ERPNext down " + OUTAGE_SECONDS + " s + commit-then-timeout")
                    .collect(sender, env, Set.of(), ShopifyTruth.of(plan.deliveries(), Set.of()));
            List<ErpNextSandbox.DroppedAnswer> dropped = env.sandbox.droppedAnswers();
            long lookedUp = lookedUpAfterwards(dropped, env.sandbox.requests());
            ledger.faultHit("writes committed whose answer was lost, then looked up", lookedUp)
                    .faultHit("event attempts that met the outage (a refused or broken connection, or the circuit it"
                            + " opened)", env.jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event_history"
                            + " WHERE LOWER(detail) LIKE '%cannot connect to erpnext%'"
                            + " OR LOWER(detail) LIKE '%connection to erpnext failed%'"
                            + " OR LOWER(detail) LIKE '%erpnext circuit breaker is open%'", Long.class));
            Measured.report(String.format("ERPNext outage: 40 commit-then-drop writes, refused for %d s, 30 x 503,"
                            + " 20 more commit-then-drop; statuses %s; all applied after %.1f s%n"
                            + "  answers lost after a commit: %d (%s), looked up afterwards: %d; events applied after more"
                            + " than one attempt: %d", OUTAGE_SECONDS, sender.statuses,
                    (System.nanoTime() - started) / 1e9, dropped.size(),
                    dropped.stream().map(ErpNextSandbox.DroppedAnswer::doctype).distinct().toList(), lookedUp,
                    env.jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE attempts > 1", Integer.class)));
            Measured.report(FaultLedger.table(List.of(ledger)));
            assertThat(drained).isTrue();
            ledger.assertClean();
        }
    }

    private static Thread sending(StormSender sender, List<StormPlan.Delivery> deliveries, FaultEnv env, ChildApp a,
                                  ChildApp b) {
        return new Thread(() -> sender.send(deliveries, 8, t -> env.webhookUrl(t % 2 == 0 ? a : b)));
    }

    /**
     * How many of the writes whose answer was lost the client then read back: a later GET of the doctype naming the
     * document or one of its unique key values, as a lookup by key after a timeout does.
     */
    static long lookedUpAfterwards(List<ErpNextSandbox.DroppedAnswer> dropped, List<ErpNextSandbox.LoggedRequest> requests) {
        return dropped.stream().filter(answer -> requests.stream().anyMatch(request -> request.arrival() > answer.arrival()
                && "GET".equals(request.method()) && request.doctype().equals(answer.doctype())
                && (request.target().contains(answer.name())
                || answer.uniqueValues().stream().anyMatch(request.target()::contains)))).count();
    }
}
