package io.shoperp.measured;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;

/**
 * ERPNext as an outsider reads it after a run, independent of how the bridge keys its documents. Every live document
 * (not cancelled: drafts, submitted originals and amendments alike) of the doctypes a Shopify customer or order
 * becomes is attributed to the Shopify customer or order it is for by what it holds: a Customer by its name, a
 * Contact by its email or the Customer it links, a Sales Order by the order's name, an invoice or payment by the
 * documents it references; the bridge's own key fields only where the content says nothing. Then it counts
 * documents per business key (a second document is a duplicate even without a key field, and a new document that
 * belongs to no Shopify fact is one too) and compares each customer's and order's final state with what the last
 * Shopify version says.
 */
final class ErpNextCensus {

    static final String CUSTOMER = "Customer";
    static final String CONTACT = "Contact";
    static final String ADDRESS = "Address";
    static final String SALES_ORDER = "Sales Order";
    static final String SALES_INVOICE = "Sales Invoice";
    static final String PAYMENT_ENTRY = "Payment Entry";
    /** In attribution order: each doctype's documents are attributed through the doctypes before it. */
    static final List<String> DOCTYPES = List.of(CUSTOMER, CONTACT, ADDRESS, SALES_ORDER, SALES_INVOICE, PAYMENT_ENTRY);
    private static final int CANCELLED = 2;
    private static final int SUBMITTED = 1;
    private static final int PROBLEMS_SHOWN = 20;

    final Map<String, Long> documentsByDoctype = new LinkedHashMap<>();
    final Map<String, Long> duplicatesByDoctype = new LinkedHashMap<>();
    long documents;
    long duplicates;
    /** Customers and orders whose ERPNext state is not what their last Shopify version says. */
    long notConverged;
    final List<String> problems = new ArrayList<>();

    private final ShopifyTruth truth;
    /** Per doctype: the business key each live document was attributed to, by document name. */
    private final Map<String, Map<String, String>> keyByName = new HashMap<>();
    /** Per doctype: the live documents of each business key. */
    private final Map<String, Map<String, List<ObjectNode>>> documentsByKey = new HashMap<>();

    private ErpNextCensus(ShopifyTruth truth) {
        this.truth = truth;
    }

    /** The documents of the counted doctypes that exist now ("doctype/name"): a run's census leaves them out. */
    static Set<String> present(ErpNextSandbox sandbox) {
        Set<String> present = new HashSet<>();
        DOCTYPES.forEach(doctype -> sandbox.documents(doctype)
                .forEach(doc -> present.add(doctype + "/" + doc.path("name").asText())));
        return present;
    }

    /** Counts the sandbox's documents created since {@code before} and checks them against {@code truth}. */
    static ErpNextCensus take(ErpNextSandbox sandbox, ShopifyTruth truth, Set<String> before) {
        ErpNextCensus census = new ErpNextCensus(truth);
        for (String doctype : DOCTYPES) {
            census.count(doctype, sandbox.documents(doctype).stream()
                    .filter(doc -> doc.path("docstatus").asInt() != CANCELLED)
                    .filter(doc -> !before.contains(doctype + "/" + doc.path("name").asText())).toList());
        }
        truth.customers().forEach(census::checkCustomer);
        truth.orders().forEach(census::checkOrder);
        return census;
    }

    private void count(String doctype, List<ObjectNode> live) {
        Map<String, List<ObjectNode>> byKey = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        long unattributed = 0;
        for (ObjectNode doc : live) {
            Optional<String> key = keyOf(doctype, doc);
            if (key.isEmpty()) {
                unattributed++;
                problem(doctype + " " + doc.path("name").asText() + " belongs to no Shopify customer or order");
                continue;
            }
            byKey.computeIfAbsent(key.get(), k -> new ArrayList<>()).add(doc);
            names.put(doc.path("name").asText(), key.get());
        }
        long extra = unattributed;
        for (Map.Entry<String, List<ObjectNode>> copies : byKey.entrySet()) {
            if (copies.getValue().size() > 1) {
                extra += copies.getValue().size() - 1;
                problem(copies.getValue().size() + " live " + doctype + " documents for " + copies.getKey() + ": "
                        + copies.getValue().stream().map(doc -> doc.path("name").asText()).toList());
            }
        }
        documentsByKey.put(doctype, byKey);
        keyByName.put(doctype, names);
        documentsByDoctype.put(doctype, (long) live.size());
        duplicatesByDoctype.put(doctype, extra);
        documents += live.size();
        duplicates += extra;
    }

    /** The Shopify customer ("customer 71…") or order ("order 51…") a document is for, from what it holds. */
    private Optional<String> keyOf(String doctype, ObjectNode doc) {
        return switch (doctype) {
            case CUSTOMER -> truth.customerNamed(withoutClashSuffix(doc.path("customer_name").asText()))
                    .or(() -> text(doc, "shopify_customer_id")).map(ErpNextCensus::customerKey);
            case CONTACT -> StreamSupport.stream(doc.path("email_ids").spliterator(), false)
                    .map(row -> truth.customerWithEmail(row.path("email_id").asText()))
                    .flatMap(Optional::stream).findFirst().map(ErpNextCensus::customerKey)
                    .or(() -> linkedCustomer(doc))
                    .or(() -> text(doc, "shopify_customer_id").map(ErpNextCensus::customerKey));
            // One Address per customer, type and place: the same place twice is a duplicate whatever its key.
            case ADDRESS -> linkedCustomer(doc).map(customer -> customer + " " + doc.path("address_type").asText()
                    + " address at " + place(doc));
            case SALES_ORDER -> text(doc, "shopify_order_name").or(() -> text(doc, "po_no")).flatMap(truth::orderNamed)
                    .or(() -> text(doc, "shopify_order_id").map(key -> key.split("/")[0])).map(ErpNextCensus::orderKey);
            case SALES_INVOICE -> text(doc, "shopify_order_name").flatMap(truth::orderNamed).map(ErpNextCensus::orderKey)
                    .or(() -> referenced(SALES_ORDER, doc.path("items"), "sales_order"))
                    .or(() -> text(doc, "shopify_invoice_key").map(ErpNextCensus::orderKey))
                    .map(order -> doc.path("is_return").asInt() == 1 ? "credit note of " + order : order);
            case PAYMENT_ENTRY -> referenced(SALES_INVOICE, doc.path("references"), "reference_name")
                    .or(() -> referenced(SALES_ORDER, doc.path("references"), "reference_name"))
                    .or(() -> text(doc, "reference_no").flatMap(truth::orderNamed).map(ErpNextCensus::orderKey))
                    .or(() -> text(doc, "shopify_payment_key").filter(key -> key.startsWith("order:"))
                            .map(key -> orderKey(key.substring("order:".length()))))
                    .map(order -> "Pay".equals(doc.path("payment_type").asText()) ? "refund of " + order : order);
            default -> throw new IllegalArgumentException(doctype);
        };
    }

    private Optional<String> linkedCustomer(ObjectNode doc) {
        return StreamSupport.stream(doc.path("links").spliterator(), false)
                .filter(link -> CUSTOMER.equals(link.path("link_doctype").asText()))
                .map(link -> keyByName.get(CUSTOMER).get(link.path("link_name").asText()))
                .filter(key -> key != null).findFirst();
    }

    /** The key of the first {@code doctype} document that {@code rows} name in {@code field}. */
    private Optional<String> referenced(String doctype, JsonNode rows, String field) {
        return StreamSupport.stream(rows.spliterator(), false)
                .map(row -> keyByName.get(doctype).get(row.path(field).asText()))
                .filter(key -> key != null).findFirst();
    }

    private void checkCustomer(ShopifyTruth.Customer customer) {
        List<String> differences = new ArrayList<>();
        List<ObjectNode> customers = live(CUSTOMER, customerKey(customer.id()));
        if (customers.isEmpty()) {
            differences.add("no Customer");
        } else if (customer.fromCustomerEvent() && customers.stream()
                .noneMatch(doc -> customer.fullName().equals(doc.path("customer_name").asText()))) {
            differences.add("named " + customer.fullName() + " in Shopify, in ERPNext " + names(customers, "customer_name"));
        }
        List<ObjectNode> contacts = live(CONTACT, customerKey(customer.id()));
        if (customer.fromCustomerEvent() && contacts.stream().noneMatch(contact -> holds(contact, customer))) {
            differences.add(customer.fullName() + " <" + customer.email() + "> in Shopify, its Contacts "
                    + contacts.stream().map(ErpNextCensus::describeContact).toList());
        }
        notConverged(customerKey(customer.id()), differences);
    }

    private static boolean holds(ObjectNode contact, ShopifyTruth.Customer customer) {
        return customer.firstName().equals(contact.path("first_name").asText())
                && customer.lastName().equals(contact.path("last_name").asText())
                && StreamSupport.stream(contact.path("email_ids").spliterator(), false)
                .anyMatch(row -> row.path("is_primary").asInt() == 1 && customer.email().equals(row.path("email_id").asText()));
    }

    private static String describeContact(ObjectNode contact) {
        return contact.path("first_name").asText() + " " + contact.path("last_name").asText() + " "
                + StreamSupport.stream(contact.path("email_ids").spliterator(), false)
                .map(row -> row.path("email_id").asText()).toList();
    }

    private void checkOrder(ShopifyTruth.Order order) {
        String key = orderKey(order.id());
        List<String> differences = new ArrayList<>();
        Set<String> customerNames = live(CUSTOMER, customerKey(order.customerId())).stream()
                .map(doc -> doc.path("name").asText()).collect(Collectors.toSet());
        List<ObjectNode> salesOrders = submitted(live(SALES_ORDER, key));
        if (salesOrders.stream().noneMatch(salesOrder -> (order.customerId().isEmpty()
                || customerNames.contains(salesOrder.path("customer").asText()))
                && same(order.totalPrice(), salesOrder.path("grand_total"))
                && order.quantityByLine().equals(quantityByLine(salesOrder)))) {
            differences.add("lines " + order.quantityByLine() + ", total " + order.totalPrice()
                    + " in Shopify, submitted Sales Orders " + salesOrders.stream().map(salesOrder ->
                    salesOrder.path("name").asText() + " " + quantityByLine(salesOrder) + " "
                            + salesOrder.path("grand_total").asText() + " for " + salesOrder.path("customer").asText())
                    .toList());
        }
        List<ObjectNode> invoices = submitted(live(SALES_INVOICE, key));
        List<ObjectNode> payments = submitted(live(PAYMENT_ENTRY, key));
        BigDecimal received = payments.stream().map(payment -> decimal(payment.path("paid_amount")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (order.paid()) {
            if (invoices.stream().noneMatch(invoice -> same(order.totalPrice(), invoice.path("grand_total"))
                    && decimal(invoice.path("outstanding_amount")).signum() == 0)) {
                differences.add("paid in Shopify (" + order.totalPrice() + "), submitted Sales Invoices of "
                        + names(invoices, "grand_total") + " outstanding " + names(invoices, "outstanding_amount"));
            }
            if (received.compareTo(order.totalPrice()) != 0) {
                differences.add("paid in Shopify (" + order.totalPrice() + "), Payment Entries receive " + received);
            }
        } else if (!invoices.isEmpty() || !payments.isEmpty()) {
            differences.add("not paid in Shopify, yet invoiced " + names(invoices, "name") + " and paid "
                    + names(payments, "name"));
        }
        notConverged(key, differences);
    }

    private List<ObjectNode> live(String doctype, String key) {
        return documentsByKey.get(doctype).getOrDefault(key, List.of());
    }

    private static List<ObjectNode> submitted(List<ObjectNode> documents) {
        return documents.stream().filter(doc -> doc.path("docstatus").asInt() == SUBMITTED).toList();
    }

    private static Map<String, Integer> quantityByLine(ObjectNode salesOrder) {
        return StreamSupport.stream(salesOrder.path("items").spliterator(), false).collect(Collectors.toMap(
                row -> row.path("shopify_line_item_id").asText(), row -> decimal(row.path("qty")).intValueExact(),
                Integer::sum));
    }

    private static List<String> names(List<ObjectNode> documents, String field) {
        return documents.stream().map(doc -> doc.path(field).asText()).toList();
    }

    /** One customer or order counts once, however many of its documents differ. */
    private void notConverged(String key, List<String> differences) {
        if (!differences.isEmpty()) {
            notConverged++;
            problem(key + " is not as Shopify says: " + String.join("; ", differences));
        }
    }

    private void problem(String what) {
        if (problems.size() < PROBLEMS_SHOWN) {
            problems.add(what);
        }
    }

    private static String customerKey(String shopifyCustomerId) {
        return "customer " + shopifyCustomerId;
    }

    private static String orderKey(String shopifyOrderId) {
        return "order " + shopifyOrderId;
    }

    /** ERPNext names a Customer whose name is taken "X - 1", "X - 2": the customer_name stays X. */
    private static String withoutClashSuffix(String customerName) {
        return customerName.replaceFirst(" - \\d+$", "");
    }

    private static String place(ObjectNode address) {
        return List.of("address_line1", "city", "pincode", "country").stream()
                .map(field -> address.path(field).asText("").strip().toLowerCase())
                .collect(Collectors.joining(", "));
    }

    private static Optional<String> text(ObjectNode doc, String field) {
        return Optional.of(doc.path(field).asText("")).filter(value -> !value.isBlank());
    }

    private static boolean same(BigDecimal amount, JsonNode value) {
        return amount.compareTo(decimal(value)) == 0;
    }

    private static BigDecimal decimal(JsonNode value) {
        return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? BigDecimal.ZERO
                : new BigDecimal(value.asText());
    }
}
