package io.shoperp.measured;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a fault scenario did, counted the same way for every scenario and as far as possible without the application's
 * word for it:
 * <ul>
 * <li>deliveries sent (HTTP requests), acknowledged (2xx) and given up (never acknowledged within the sender's retry
 * budget); inbox rows stored, DONE, IGNORED (by reason) and DEAD;</li>
 * <li><b>duplicates</b>: live ERPNext documents beyond one per business key, the keys derived from what the documents
 * hold ({@link ErpNextCensus}), plus new documents that belong to no Shopify fact;</li>
 * <li><b>refused duplicate creates</b>: inserts ERPNext refused because it already held the document's key (the
 * sandbox's log): what the unique index caught, which a good design keeps near 0;</li>
 * <li><b>lost</b>: acknowledged deliveries without an inbox row, deliveries given up, events not finished, DEAD
 * beyond the expected poison, IGNORED without an expected reason (stale, echo, conflict, no route), and customers
 * and orders whose ERPNext state is not what their last Shopify version says;</li>
 * <li><b>fault hit work in flight</b>: the evidence a scenario gives that its fault met work under way (events leased
 * at a kill, answers lost after a commit and followed by a lookup, ...); a fault that met none did not exercise
 * anything.</li>
 * </ul>
 */
public final class FaultLedger {

    /** How an IGNORED reason may start when the event was rightly not applied. */
    private static final Map<String, String> EXPECTED_IGNORED = Map.of(
            "stale:", "stale", "echo:", "echo", "conflict:", "conflict", "no route for topic", "no route");
    private static final int PROBLEMS_SHOWN = 20;

    public final String scenario;
    public long sent;
    public long acknowledged;
    public long acknowledgedDistinct;
    public long givenUp;
    /** Inbox rows; -1 where there is no inbox (the naive route). */
    public long stored = -1;
    public long done;
    public long ignored;
    public long dead;
    public long expectedDead;
    public long unfinished;
    public long documents;
    public long duplicates;
    public long refusedDuplicateCreates;
    public long lost;
    public ErpNextCensus census;
    public final Map<String, Long> ignoredByReason = new TreeMap<>();
    public final Map<String, Integer> refusedDuplicateCreatesByDoctype = new TreeMap<>();
    public final Map<String, Long> lostBy = new LinkedHashMap<>();
    public final List<String> faultHits = new ArrayList<>();
    public final List<String> notExercised = new ArrayList<>();
    public final List<String> problems = new ArrayList<>();

    public FaultLedger(String scenario) {
        this.scenario = scenario;
    }

    /**
     * Fills the ledger of a run of the bridge from the sender, the inbox and ERPNext.
     *
     * @param expectedDeadIds webhook ids that must end DEAD (poison); any other DEAD counts as lost
     * @param truth what the deliveries say each customer and order is in the end
     */
    public FaultLedger collect(StormSender sender, FaultEnv env, Set<String> expectedDeadIds, ShopifyTruth truth) {
        countDeliveries(sender);
        countInbox(sender, env.jdbc, expectedDeadIds);
        countErpNext(env.sandbox, env.seeded, truth);
        return this;
    }

    /** Fills the ledger of a run without an inbox (the naive route) from the sender and ERPNext. */
    public FaultLedger collect(StormSender sender, ErpNextSandbox sandbox, Set<String> seeded, ShopifyTruth truth) {
        countDeliveries(sender);
        countErpNext(sandbox, seeded, truth);
        return this;
    }

    /**
     * Evidence that the fault met work under way: {@code count} things in flight when it struck. Zero means the
     * scenario did not exercise what it claims to.
     */
    public FaultLedger faultHit(String evidence, long count) {
        faultHits.add(evidence + ": " + count);
        if (count == 0) {
            notExercised.add(evidence);
        }
        return this;
    }

    private void countDeliveries(StormSender sender) {
        sent = sender.sent.get();
        acknowledged = sender.acknowledged.get();
        acknowledgedDistinct = sender.acknowledgedIds.size();
        givenUp = sender.givenUp.size();
        addLost("deliveries given up (never acknowledged)", givenUp);
    }

    private void countInbox(StormSender sender, JdbcTemplate jdbc, Set<String> expectedDeadIds) {
        Map<String, String> statusById = new HashMap<>();
        Map<String, String> reasonById = new HashMap<>();
        jdbc.query("SELECT webhook_id, status, status_reason FROM inbox_event", rs -> {
            statusById.put(rs.getString(1), rs.getString(2));
            reasonById.put(rs.getString(1), rs.getString(3));
        });
        stored = statusById.size();
        addLost("acknowledged deliveries without an inbox row",
                sender.acknowledgedIds.stream().filter(id -> !statusById.containsKey(id)).count());
        long unexpectedDead = 0;
        long unexpectedIgnored = 0;
        for (Map.Entry<String, String> row : statusById.entrySet()) {
            String reason = reasonById.get(row.getKey());
            switch (row.getValue()) {
                case "DONE" -> done++;
                case "IGNORED" -> {
                    ignored++;
                    String kind = ignoredKind(reason);
                    ignoredByReason.merge(kind, 1L, Long::sum);
                    if (kind.startsWith("unexpected")) {
                        unexpectedIgnored++;
                        problem("IGNORED without an expected reason " + row.getKey() + ": " + reason);
                    }
                }
                case "DEAD" -> {
                    dead++;
                    if (!expectedDeadIds.contains(row.getKey())) {
                        unexpectedDead++;
                        problem("unexpected DEAD " + row.getKey() + ": " + reason);
                    } else if (reason == null || reason.isBlank()) {
                        unexpectedDead++;
                        problem("DEAD without a reason: " + row.getKey());
                    } else {
                        expectedDead++;
                    }
                }
                default -> unfinished++;
            }
        }
        for (String id : expectedDeadIds) {
            if (statusById.containsKey(id) && !"DEAD".equals(statusById.get(id))) {
                problem("poison " + id + " ended " + statusById.get(id) + " instead of DEAD");
                unexpectedDead++;
            }
        }
        addLost("events not finished (PENDING / PROCESSING)", unfinished);
        addLost("DEAD beyond the expected poison", unexpectedDead);
        addLost("IGNORED without an expected reason", unexpectedIgnored);
    }

    private static String ignoredKind(String reason) {
        String text = reason == null ? "" : reason;
        return EXPECTED_IGNORED.entrySet().stream().filter(expected -> text.startsWith(expected.getKey()))
                .map(Map.Entry::getValue).findFirst()
                .orElse("unexpected: " + text.substring(0, Math.min(40, text.length())));
    }

    private void countErpNext(ErpNextSandbox sandbox, Set<String> seeded, ShopifyTruth truth) {
        census = ErpNextCensus.take(sandbox, truth, seeded);
        documents = census.documents;
        duplicates = census.duplicates;
        refusedDuplicateCreatesByDoctype.putAll(sandbox.refusedDuplicateCreates());
        refusedDuplicateCreates = refusedDuplicateCreatesByDoctype.values().stream().mapToLong(Integer::longValue).sum();
        addLost("customers and orders not as their last Shopify version", census.notConverged);
        census.problems.forEach(this::problem);
    }

    private void addLost(String what, long count) {
        lostBy.put(what, count);
        lost += count;
    }

    private void problem(String what) {
        if (problems.size() < PROBLEMS_SHOWN) {
            problems.add(what);
        }
    }

    /** Fails unless the fault hit work in flight, nothing was duplicated and nothing lost. */
    public void assertClean() {
        assertThat(faultHits).as(scenario + ": evidence that the fault hit work in flight").isNotEmpty();
        assertThat(notExercised).as(scenario + ": faults that hit no work in flight (scenario not exercised)").isEmpty();
        assertThat(duplicates).as(scenario + ": duplicates " + census.duplicatesByDoctype + " " + problems).isZero();
        assertThat(lost).as(scenario + ": lost " + lostBy + " " + problems).isZero();
    }

    public static String table(List<FaultLedger> ledgers) {
        StringBuilder out = new StringBuilder();
        String row = "| %-44s | %6s | %6s | %7s | %6s | %6s | %7s | %11s | %5s | %10s | %7s | %4s | %-9s |%n";
        out.append(String.format("%n" + row, "scenario", "sent", "ack'd", "gave up", "stored", "done", "ignored", "DEAD",
                "docs", "duplicates", "refused", "lost", "fault hit"));
        out.append(String.format(row, "-".repeat(44), "-".repeat(6), "-".repeat(6), "-".repeat(7), "-".repeat(6),
                "-".repeat(6), "-".repeat(7), "-".repeat(11), "-".repeat(5), "-".repeat(10), "-".repeat(7), "-".repeat(4),
                "-".repeat(9)));
        for (FaultLedger l : ledgers) {
            boolean inbox = l.stored >= 0;
            out.append(String.format(row, l.scenario, l.sent, l.acknowledged, l.givenUp, inbox ? l.stored : "–",
                    inbox ? l.done : "–", inbox ? l.ignored : "–",
                    !inbox ? "–" : l.dead + (l.expectedDead > 0 ? " (" + l.expectedDead + " exp)" : ""), l.documents,
                    l.duplicates, l.refusedDuplicateCreates, l.lost,
                    l.faultHits.isEmpty() ? "–" : l.notExercised.isEmpty() ? "yes" : "NO"));
        }
        for (FaultLedger l : ledgers) {
            out.append(l.scenario).append(":\n  live documents ").append(l.census.documentsByDoctype)
                    .append("\n  duplicates ").append(l.census.duplicatesByDoctype)
                    .append("\n  refused duplicate creates ").append(l.refusedDuplicateCreatesByDoctype)
                    .append("\n  ignored ").append(l.ignoredByReason)
                    .append("\n  lost ").append(l.lostBy).append('\n');
            l.faultHits.forEach(hit -> out.append("  fault hit: ").append(hit).append('\n'));
            l.problems.forEach(p -> out.append("  problem: ").append(p).append('\n'));
        }
        return out.toString();
    }
}
