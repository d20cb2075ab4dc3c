package io.shoperp.demo;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a demo run sent and what it found, the checks that decide whether it passed, and their printing.
 *
 * @param deliveries   the lifecycle's webhooks in the order sent; it stops at the first that did not land, and
 *                     nothing is sent again then
 * @param documents    ERPNext's Shopify-linked documents once the lifecycle was applied
 * @param stockBefore  actual quantity per item code in {@link DemoShop#WAREHOUSE} before the first webhook
 * @param stockAfter   the same after the lifecycle
 * @param shopifyRetry the refund webhook delivered again with its webhook id; null when the lifecycle stopped
 * @param replay       the refund webhook delivered again under a new webhook id; null as above
 * @param orderTotal   what the order cost, as Shopify says
 * @param refunded     what the refund paid back
 */
record DemoReport(List<Delivery> deliveries, List<LinkedDocument> documents, Map<String, BigDecimal> stockBefore,
                  Map<String, BigDecimal> stockAfter, Redelivery shopifyRetry, Redelivery replay, BigDecimal orderTotal,
                  BigDecimal refunded) {

    /** Each problem in a sentence; empty when everything landed once, at Shopify's amounts. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        Delivery stoppedAt = deliveries.get(deliveries.size() - 1);
        if (!stoppedAt.landed()) {
            // What follows it was not sent: its missing documents would only repeat this.
            problems.add(stoppedAt.topic() + " did not land (HTTP " + stoppedAt.httpStatus() + ", " + stoppedAt.status()
                    + "): " + stoppedAt.reason() + "; the webhooks after it were not sent");
            return problems;
        }
        expectOne(problems, "Customer of Shopify customer " + DemoShop.CUSTOMER_ID,
                doc -> doc.is("Customer") && doc.key().equals(Long.toString(DemoShop.CUSTOMER_ID)));
        expectOne(problems, "submitted Sales Order of " + money(orderTotal),
                doc -> doc.is("Sales Order") && doc.isSubmitted() && doc.hasAmount(orderTotal));
        expectOne(problems, "submitted Sales Invoice of " + money(orderTotal) + " owing nothing",
                doc -> doc.is("Sales Invoice") && !doc.isReturn() && doc.isSubmitted() && doc.hasAmount(orderTotal)
                        && doc.outstanding() != null && doc.outstanding().signum() == 0);
        expectOne(problems, "Payment Entry receiving " + money(orderTotal),
                doc -> doc.is("Payment Entry") && !doc.paysOut() && doc.isSubmitted() && doc.hasAmount(orderTotal));
        expectOne(problems, "submitted Delivery Note of the shipment",
                doc -> doc.is("Delivery Note") && !doc.isReturn() && doc.isSubmitted());
        expectOne(problems, "credit note (Sales Invoice return) of " + money(refunded.negate()),
                doc -> doc.is("Sales Invoice") && doc.isReturn() && doc.isSubmitted() && doc.hasAmount(refunded.negate()));
        expectOne(problems, "return Delivery Note of the restocked goods",
                doc -> doc.is("Delivery Note") && doc.isReturn() && doc.isSubmitted());
        expectOne(problems, "refund Payment Entry of " + money(refunded),
                doc -> doc.is("Payment Entry") && doc.paysOut() && doc.isSubmitted() && doc.hasAmount(refunded));
        if (!shopifyRetry.droppedAsDuplicate()) {
            problems.add(shopifyRetry.what() + " was not answered as a duplicate: HTTP "
                    + shopifyRetry.delivery().httpStatus() + " " + shopifyRetry.delivery().answer() + ", inbox events "
                    + shopifyRetry.inboxEventsBefore() + " -> " + shopifyRetry.inboxEventsAfter());
        }
        for (Redelivery again : List.of(shopifyRetry, replay)) {
            if (!again.delivery().landed()) {
                problems.add(again.what() + " did not land: " + again.delivery().status() + ": " + again.delivery().reason());
            }
            if (!again.changedNothingInErpNext()) {
                problems.add(again.what() + " changed ERPNext: " + again.documentsBefore().size() + " documents before, "
                        + again.documentsAfter().size() + " after");
            }
        }
        return problems;
    }

    private void expectOne(List<String> problems, String what, Predicate<LinkedDocument> matches) {
        long found = documents.stream().filter(matches).count();
        if (found != 1) {
            problems.add("expected one " + what + ", found " + found);
        }
    }

    void printDocuments(PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DOCUMENT", "NAME", "STATE", "AMOUNT", "SHOPIFY KEY"});
        documents.forEach(doc -> rows.add(new String[] {doc.label(), doc.name(), doc.state(),
                doc.amount() == null ? "" : money(doc.amount()), doc.keyField() + "=" + doc.key()}));
        printTable(out, rows, 3);
        List<String> moves = new ArrayList<>();
        stockBefore.forEach((item, before) -> moves.add(item + " " + before.stripTrailingZeros().toPlainString() + " -> "
                + stockAfter.get(item).stripTrailingZeros().toPlainString()));
        out.println("  Stock in " + DemoShop.WAREHOUSE + ": " + String.join(", ", moves));
    }

    static void printRedelivery(PrintStream out, Redelivery again) {
        Delivery delivery = again.delivery();
        boolean stored = !"duplicate".equals(delivery.answer());
        out.println("  " + again.what() + ": HTTP " + delivery.httpStatus() + " " + delivery.answer()
                + (stored ? ", " + delivery.status() : ""));
        if (stored) {
            out.println("    " + delivery.reason());
        }
        out.println("    inbox events " + again.inboxEventsBefore() + " -> " + again.inboxEventsAfter()
                + "; ERPNext documents " + again.documentsBefore().size() + " -> " + again.documentsAfter().size()
                + (again.changedNothingInErpNext() ? ", none created or changed" : ", CHANGED"));
    }

    void printVerdict(PrintStream out) {
        List<String> problems = problems();
        if (problems.isEmpty()) {
            out.println("PASSED: every webhook landed once; ERPNext holds one document per Shopify fact, at Shopify's"
                    + " amounts; the retry and the replay created nothing.");
        } else {
            out.println("FAILED:");
            problems.forEach(problem -> out.println("  - " + problem));
        }
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Columns as wide as their widest cell; the last one runs on, {@code rightAligned} is a column of amounts. */
    private static void printTable(PrintStream out, List<String[]> rows, int rightAligned) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int column = 0; column < columns - 1; column++) {
                widths[column] = Math.max(widths[column], String.valueOf(row[column]).length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int column = 0; column < columns; column++) {
                String cell = String.valueOf(row[column]);
                line.append(' ');
                if (column == columns - 1) {
                    line.append(cell);
                } else if (column == rightAligned) {
                    line.append(" ".repeat(widths[column] - cell.length())).append(cell).append(' ');
                } else {
                    line.append(cell).append(" ".repeat(widths[column] - cell.length() + 1));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
