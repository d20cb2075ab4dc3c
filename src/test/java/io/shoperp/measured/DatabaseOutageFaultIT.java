package io.shoperp.measured;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.shoperp.support.MariaDbServer;
import org.junit.jupiter.api.Test;

/**
 * MariaDB stopped for 30 s while webhooks arrive and events are processed: ingest answers 503 meanwhile (never
 * 2xx for a delivery it could not store), Shopify's retries are stored once the database is back, nothing
 * acknowledged is lost. Sizes: -Dfaults.db.deliveries (2000), -Dfaults.db.outage-seconds (30).
 */
class DatabaseOutageFaultIT {

    static final int DELIVERIES = Measured.intProperty("faults.db.deliveries", 2000);
    static final int OUTAGE_SECONDS = Measured.intProperty("faults.db.outage-seconds", 30);

    @Test
    void ingestAnswers503WhileTheDatabaseIsDownAndNoAcknowledgedDeliveryIsLost() throws Exception {
        StormPlan plan = StormPlan.generate(11, DELIVERIES, 200, 0.30, 0.10);
        try (FaultEnv env = new FaultEnv("faults_db")) {
            ChildApp a = env.startApp("db-a", Map.of());
            ChildApp b = env.startApp("db-b", Map.of());
            StormSender sender = new StormSender(Duration.ofSeconds(OUTAGE_SECONDS + 90L));
            // Paced: 8 senders, each delivery ~20 ms apart per thread, so traffic spans the outage.
            List<StormPlan.Delivery> deliveries = plan.deliveries();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger ackDuringOutage = new AtomicInteger();
            long[] outage = new long[2];
            Thread[] threads = new Thread[8];
            for (int t = 0; t < threads.length; t++) {
                String url = env.webhookUrl(t % 2 == 0 ? a : b);
                threads[t] = new Thread(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < deliveries.size()) {
                        StormPlan.Delivery delivery = deliveries.get(i);
                        long before = System.nanoTime();
                        int status = sender.post(url, delivery);
                        long after = System.nanoTime();
                        if (status / 100 == 2) {
                            sender.acknowledged.incrementAndGet();
                            sender.acknowledgedIds.add(delivery.webhookId());
                            synchronized (outage) {
                                if (outage[0] != 0 && before > outage[0] && (outage[1] == 0 || after < outage[1])) {
                                    ackDuringOutage.incrementAndGet();
                                }
                            }
                        } else {
                            sender.deliver(url, delivery); // Shopify retries until acknowledged
                        }
                        ChildApp.sleep(20);
                    }
                });
                threads[t].start();
            }
            ChildApp.sleep(5000);
            // Counted before the outage window opens: a 2xx while this query runs is no 2xx without a database.
            int processingAtStop = env.jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE status = 'PROCESSING'",
                    Integer.class);
            synchronized (outage) {
                outage[0] = System.nanoTime();
            }
            MariaDbServer.get().stop();
            long stoppedAt = System.nanoTime();
            ChildApp.sleep(OUTAGE_SECONDS * 1000L);
            MariaDbServer.get().start();
            synchronized (outage) {
                outage[1] = System.nanoTime();
            }
            double outageSeconds = (System.nanoTime() - stoppedAt) / 1e9;
            for (Thread thread : threads) {
                thread.join();
            }
            boolean drained = env.awaitDrained(Duration.ofMinutes(10));
            FaultLedger ledger = new FaultLedger("MariaDB stopped " + OUTAGE_SECONDS + " s")
                    .collect(sender, env, Set.of(), ShopifyTruth.of(plan.deliveries(), Set.of()))
                    .faultHit("events PROCESSING when MariaDB stopped", processingAtStop)
                    .faultHit("deliveries answered 503", sender.statuses.getOrDefault(503,
                            new AtomicInteger()).get());
            Measured.report(String.format("MariaDB outage: %.1f s, statuses %s, 2xx answered while the database was"
                    + " down: %d", outageSeconds, sender.statuses, ackDuringOutage.get()));
            Measured.report(FaultLedger.table(List.of(ledger)));
            List<String> overridden = new ArrayList<>();
            for (ChildApp app : List.of(a, b)) {
                try (Stream<String> lines = Files.lines(app.log(), StandardCharsets.UTF_8)) {
                    lines.filter(line -> line.contains("Application exception overridden by rollback exception"))
                            .forEach(overridden::add);
                }
            }
            assertThat(drained).isTrue();
            // Every refusal is a 503 (or a refused connection), also when the database dies inside an open ingest
            // transaction: never a 4xx, which Shopify would not retry, nor a bare 500.
            assertThat(sender.statuses.keySet()).allMatch(status -> status == -1 || status / 100 == 2
                    || status == 503);
            assertThat(ackDuringOutage.get()).as("2xx while the database was down").isZero();
            ledger.assertClean();
            // A rollback on the lost connection fails too: the original failure is what the processing side sees.
            assertThat(overridden).as("failures replaced by their rollback's").isEmpty();
        }
    }
}
