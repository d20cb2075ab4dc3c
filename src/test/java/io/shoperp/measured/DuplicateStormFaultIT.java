package io.shoperp.measured;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The duplicate storm (issue: 10 000 deliveries, 30 % duplicates, 10 % reordered, 16 concurrent senders, two
 * application instances on one MariaDB, processing on), then the same storm against a naive create-only route.
 * Sizes: -Dfaults.storm.deliveries (10000), -Dfaults.storm.entities (600 = 300 customers + 300 orders).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DuplicateStormFaultIT {

    static final int DELIVERIES = Measured.intProperty("faults.storm.deliveries", 10_000);
    static final int ENTITIES = Measured.intProperty("faults.storm.entities", 600);
    static final int SENDERS = 16;
    static final StormPlan PLAN = StormPlan.generate(42, DELIVERIES, ENTITIES, 0.30, 0.10);
    static final List<FaultLedger> LEDGERS = new ArrayList<>();

    @Test
    @Order(1)
    void duplicateStormOnTwoInstancesCreatesNoDuplicateAndLosesNothing() {
        try (FaultEnv env = new FaultEnv("faults_storm")) {
            ChildApp first = env.startApp("storm-a", Map.of());
            ChildApp second = env.startApp("storm-b", Map.of());
            StormSender sender = new StormSender(Duration.ofMinutes(2));
            long started = System.nanoTime();
            sender.send(PLAN.deliveries(), SENDERS, t -> env.webhookUrl(t % 2 == 0 ? first : second));
            double sendSeconds = (System.nanoTime() - started) / 1e9;
            boolean drained = env.awaitDrained(Duration.ofMinutes(20));
            double totalSeconds = (System.nanoTime() - started) / 1e9;
            FaultLedger ledger = new FaultLedger("duplicate storm (bridge, 2 instances)")
                    .collect(sender, env.jdbc, env.sandbox, Set.of(), expectedKeys(PLAN));
            LEDGERS.add(ledger);
            Measured.report(String.format("duplicate storm: %d deliveries (%d distinct facts, %d customers, %d orders),"
                            + " %d senders, sent in %.1f s, all applied after %.1f s, drained=%s, statuses %s",
                    PLAN.deliveries().size(), PLAN.distinctFacts(), PLAN.customers(), PLAN.orders(), SENDERS,
                    sendSeconds, totalSeconds, drained, sender.statuses));
            Measured.report(FaultLedger.table(List.of(ledger)));
            assertThat(drained).as("inbox drained").isTrue();
            assertThat(ledger.acknowledgedDistinct).isEqualTo(PLAN.deliveries().stream()
                    .map(StormPlan.Delivery::webhookId).distinct().count());
            assertThat(ledger.duplicates).as("duplicates created").isZero();
            assertThat(ledger.lost).as("events lost: " + ledger.problems).isZero();
        }
    }

    @Test
    @Order(2)
    void theSameStormAgainstANaiveCreateOnlyRouteCreatesDuplicates() throws Exception {
        // No application, so no unique custom fields in this sandbox: ERPNext as a naive integration meets it.
        try (ErpNextSandbox sandbox = ErpNextSandbox.startSeeded(); NaiveRoute naive = new NaiveRoute(sandbox)) {
            StormSender sender = new StormSender(Duration.ofMinutes(1));
            sender.send(PLAN.deliveries(), SENDERS, t -> naive.url());
            FaultLedger ledger = new FaultLedger("duplicate storm (naive create-only)");
            ledger.sent = sender.sent.get();
            ledger.acknowledged = sender.acknowledged.get();
            ledger.acknowledgedDistinct = sender.acknowledgedIds.size();
            ledger.stored = -0;
            for (FaultLedger.Key key : FaultLedger.KEYS) {
                Map<String, Integer> perKey = FaultLedger.countByKey(sandbox, key, doc -> true);
                long docs = perKey.values().stream().mapToLong(Integer::longValue).sum();
                long extra = perKey.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
                ledger.documentsByDoctype.put(key.doctype(), docs);
                ledger.duplicatesByDoctype.put(key.doctype(), extra);
                ledger.documents += docs;
                ledger.duplicates += extra;
            }
            LEDGERS.add(ledger);
            Measured.report(FaultLedger.table(List.of(ledger)));
            assertThat(ledger.duplicates).as("the naive route's duplicates are measured").isPositive();
        }
    }

    @AfterAll
    static void printSideBySide() {
        if (LEDGERS.size() == 2) {
            Measured.report(sideBySide(LEDGERS.get(0), LEDGERS.get(1)));
        }
    }

    static String sideBySide(FaultLedger ours, FaultLedger naive) {
        StringBuilder out = new StringBuilder(String.format(
                "%nSame storm (%d deliveries, 30 %% duplicates, 10 %% reordered, %d senders): ERPNext documents%n",
                PLAN.deliveries().size(), SENDERS));
        out.append(String.format("| %-14s | %-22s | %14s | %16s | %14s | %16s |%n", "doctype", "business key",
                "bridge: docs", "bridge: dupl.", "naive: docs", "naive: dupl."));
        out.append("|----------------|------------------------|----------------|------------------|----------------|------------------|\n");
        for (FaultLedger.Key key : FaultLedger.KEYS) {
            out.append(String.format("| %-14s | %-22s | %14d | %16d | %14d | %16d |%n", key.doctype(), key.field(),
                    ours.documentsByDoctype.get(key.doctype()), ours.duplicatesByDoctype.get(key.doctype()),
                    naive.documentsByDoctype.get(key.doctype()), naive.duplicatesByDoctype.get(key.doctype())));
        }
        out.append(String.format("| %-14s | %-22s | %14d | %16d | %14d | %16d |%n", "all", "", ours.documents,
                ours.duplicates, naive.documents, naive.duplicates));
        return out.toString();
    }

    static Map<FaultLedger.Key, List<String>> expectedKeys(StormPlan plan) {
        Map<FaultLedger.Key, List<String>> keys = new java.util.HashMap<>();
        keys.put(FaultLedger.KEYS.get(0), plan.customerIds());
        keys.put(FaultLedger.KEYS.get(4), plan.orderIds());
        if (plan.ordersPaid()) {
            keys.put(FaultLedger.KEYS.get(5), plan.orderIds());
            keys.put(FaultLedger.KEYS.get(6), plan.orderIds().stream().map(id -> "order:" + id).toList());
        }
        return keys;
    }
}
