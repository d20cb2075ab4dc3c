package io.shoperp.measured;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.shoperp.erpnext.CustomFieldSetup;
import io.shoperp.erpnext.sandbox.ErpDocuments;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The duplicate storm (issue: 10 000 deliveries, 30 % duplicates, 10 % reordered, 16 concurrent senders, two
 * application instances on one MariaDB, processing on), then the same storm against a naive create-only route, once on
 * a bare ERPNext and once on one with the bridge's unique custom fields, to show what the bridge adds beyond the index.
 * Sizes: -Dfaults.storm.deliveries (10000), -Dfaults.storm.entities (600 = 300 customers + 300 orders).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DuplicateStormFaultIT {

    static final int DELIVERIES = Measured.intProperty("faults.storm.deliveries", 10_000);
    static final int ENTITIES = Measured.intProperty("faults.storm.entities", 600);
    static final int SENDERS = 16;
    static final StormPlan PLAN = StormPlan.generate(42, DELIVERIES, ENTITIES, 0.30, 0.10);
    static final ShopifyTruth TRUTH = ShopifyTruth.of(PLAN.deliveries(), Set.of());
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
                    .collect(sender, env, Set.of(), TRUTH);
            ledger.faultHit("deliveries acknowledged again under a webhook id already acknowledged",
                            ledger.acknowledged - ledger.acknowledgedDistinct)
                    .faultHit("facts stored again under a new webhook id", ledger.stored - PLAN.distinctFacts())
                    .faultHit("versions that arrived after a newer one (IGNORED as stale)",
                            ledger.ignoredByReason.getOrDefault("stale", 0L));
            LEDGERS.add(ledger);
            Measured.report(String.format("duplicate storm: %d deliveries (%d distinct facts, %d customers, %d orders),"
                            + " %d senders, sent in %.1f s, all applied after %.1f s, drained=%s, statuses %s",
                    PLAN.deliveries().size(), PLAN.distinctFacts(), PLAN.customers(), PLAN.orders(), SENDERS,
                    sendSeconds, totalSeconds, drained, sender.statuses));
            Measured.report(FaultLedger.table(List.of(ledger)));
            assertThat(drained).as("inbox drained").isTrue();
            ledger.assertClean();
        }
    }

    @Test
    @Order(2)
    void theSameStormAgainstANaiveCreateOnlyRouteCreatesDuplicates() throws Exception {
        // No application, so no unique custom fields in this sandbox: ERPNext as a naive integration meets it.
        FaultLedger ledger = naiveRun("duplicate storm (naive, bare ERPNext)", sandbox -> sandbox,
                new StormSender(Duration.ofMinutes(1)));
        assertThat(ledger.duplicates).as("the naive route's duplicates are measured").isPositive();
    }

    @Test
    @Order(3)
    void theSameStormAgainstANaiveRouteOnTheUniqueIndexLosesWhatTheIndexRefuses() throws Exception {
        // Every refusal is a 417 on a unique key, which a retry meets again: Shopify's 8 retries over 4 h change
        // nothing, so each refused delivery is sent once and counted as given up.
        FaultLedger ledger = naiveRun("duplicate storm (naive, unique fields)", DuplicateStormFaultIT::withUniqueFields,
                new StormSender(Duration.ZERO));
        assertThat(ledger.refusedDuplicateCreates).as("creates the unique index refused").isPositive();
        assertThat(ledger.lost).as("what the naive route loses on the index").isPositive();
    }

    private static FaultLedger naiveRun(String scenario, Function<ErpNextSandbox, ErpNextSandbox> erpnext,
                                        StormSender sender) throws Exception {
        try (ErpNextSandbox sandbox = erpnext.apply(ErpNextSandbox.startSeeded());
             NaiveRoute naive = new NaiveRoute(sandbox)) {
            Set<String> seeded = ErpNextCensus.present(sandbox);
            sender.send(PLAN.deliveries(), SENDERS, t -> naive.url());
            FaultLedger ledger = new FaultLedger(scenario).collect(sender, sandbox, seeded, TRUTH);
            LEDGERS.add(ledger);
            Measured.report(FaultLedger.table(List.of(ledger)));
            return ledger;
        }
    }

    /** The bridge's custom fields as its start-up would create them, so ERPNext's index refuses a second key. */
    private static ErpNextSandbox withUniqueFields(ErpNextSandbox sandbox) {
        CustomFieldSetup.REQUIRED_FIELDS.forEach(field -> sandbox.seedDocument("Custom Field",
                ErpDocuments.customField(field.doctype(), field.fieldname(), field.label(), field.unique())));
        return sandbox;
    }

    @AfterAll
    static void printSideBySide() {
        if (LEDGERS.size() == 3) {
            Measured.report(sideBySide(LEDGERS));
        }
    }

    static String sideBySide(List<FaultLedger> runs) {
        StringBuilder out = new StringBuilder(String.format(
                "%nSame storm (%d deliveries, 30 %% duplicates, 10 %% reordered, %d senders): live ERPNext documents"
                        + " / duplicates by business key (derived from content)%n", PLAN.deliveries().size(), SENDERS));
        String row = "| %-38s |" + " %26s |".repeat(runs.size()) + "%n";
        out.append(String.format(row, header(runs)));
        out.append(String.format(row, dashes(runs)));
        for (String doctype : ErpNextCensus.DOCTYPES) {
            out.append(String.format(row, cells(doctype, runs, l -> l.census.documentsByDoctype.get(doctype) + " / "
                    + l.census.duplicatesByDoctype.get(doctype))));
        }
        out.append(String.format(row, cells("all documents / duplicates", runs, l -> l.documents + " / " + l.duplicates)));
        out.append(String.format(row, cells("creates the unique index refused", runs, l -> l.refusedDuplicateCreates)));
        out.append(String.format(row, cells("deliveries given up", runs, l -> l.givenUp)));
        out.append(String.format(row, cells("customers + orders not as Shopify says", runs, l -> l.census.notConverged)));
        out.append(String.format(row, cells("lost", runs, l -> l.lost)));
        return out.toString();
    }

    private static Object[] header(List<FaultLedger> runs) {
        return cells("", runs, l -> l.scenario.replace("duplicate storm ", ""));
    }

    private static Object[] dashes(List<FaultLedger> runs) {
        return cells("-".repeat(38), runs, l -> "-".repeat(26));
    }

    private static Object[] cells(String label, List<FaultLedger> runs, Function<FaultLedger, Object> cell) {
        List<Object> cells = new ArrayList<>(List.of(label));
        runs.forEach(run -> cells.add(String.valueOf(cell.apply(run))));
        return cells.toArray();
    }
}
