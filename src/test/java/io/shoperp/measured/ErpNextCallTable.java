package io.shoperp.measured;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.shoperp.erpnext.sandbox.SandboxRequestLog.Request;

/** The ERPNext calls of a new and a returning customer's order as markdown: by call, by webhook, and the totals. */
final class ErpNextCallTable {

    private ErpNextCallTable() {
    }

    static String markdown(OrderCalls newCustomer, OrderCalls returningCustomer) {
        StringBuilder out = new StringBuilder("## ERPNext calls per order\n\n")
                .append("| call | doctype | new customer | returning customer |\n|---|---|---|---|\n");
        Map<String, Long> first = countByCall(newCustomer);
        Map<String, Long> second = countByCall(returningCustomer);
        TreeMap<String, Long> calls = new TreeMap<>(first);
        second.keySet().forEach(call -> calls.putIfAbsent(call, 0L));
        calls.keySet().forEach(call -> {
            String[] parts = call.split("\t");
            out.append("| ").append(parts[0]).append(" | ").append(parts[1]).append(" | ")
                    .append(first.getOrDefault(call, 0L)).append(" | ").append(second.getOrDefault(call, 0L)).append(" |\n");
        });
        out.append(String.format(Locale.ROOT, "| **reads** | | **%d** | **%d** |%n", newCustomer.reads(),
                returningCustomer.reads()));
        out.append(String.format(Locale.ROOT, "| **writes** | | **%d** | **%d** |%n", newCustomer.writes(),
                returningCustomer.writes()));
        out.append(String.format(Locale.ROOT, "| **documents written** | | **%d** | **%d** |%n",
                newCustomer.documentsWritten(), returningCustomer.documentsWritten()));
        out.append(String.format(Locale.ROOT, "| **reads per document written** (target for the returning customer:"
                + " at most 1) | | **%.2f** | **%.2f** |%n%n", ratio(newCustomer), ratio(returningCustomer)));
        out.append("| webhook | new customer: reads / writes | returning customer: reads / writes |\n|---|---|---|\n");
        List<OrderCalls.Event> firstEvents = newCustomer.events();
        List<OrderCalls.Event> secondEvents = returningCustomer.events();
        for (int event = 0; event < firstEvents.size(); event++) {
            out.append("| ").append(firstEvents.get(event).topic()).append(" | ")
                    .append(firstEvents.get(event).reads()).append(" / ").append(firstEvents.get(event).writes())
                    .append(" | ").append(secondEvents.get(event).reads()).append(" / ")
                    .append(secondEvents.get(event).writes()).append(" |\n");
        }
        return out.toString();
    }

    /** "GET list" etc. and the doctype (the method's name for /api/method calls), tab-separated, with their count. */
    private static Map<String, Long> countByCall(OrderCalls calls) {
        return calls.requests().stream().collect(Collectors.groupingBy(ErpNextCallTable::call, TreeMap::new,
                Collectors.counting()));
    }

    private static String call(Request request) {
        return request.httpMethod() + " " + request.operation().name().toLowerCase(Locale.ROOT)
                + (request.succeeded() ? "" : " (" + request.status() + ")") + "\t" + request.doctype();
    }

    private static double ratio(OrderCalls calls) {
        return calls.documentsWritten() == 0 ? 0 : (double) calls.reads() / calls.documentsWritten();
    }
}
