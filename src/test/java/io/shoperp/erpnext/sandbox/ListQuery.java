package io.shoperp.erpnext.sandbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Frappe's GET list parameters: fields, filters, order_by, limit_start, limit_page_length (default 20, 0 = all). */
record ListQuery(List<String> fields, Predicate<JsonNode> filter, Comparator<JsonNode> order, int start, int limit) {

    static ListQuery parse(Map<String, String> params, ObjectMapper json) {
        try {
            List<String> fields = new ArrayList<>();
            json.readTree(params.getOrDefault("fields", "[\"name\"]")).forEach(f -> fields.add(f.asText()));
            Predicate<JsonNode> filter = parseFilters(json.readTree(params.getOrDefault("filters", "[]")));
            Comparator<JsonNode> order = parseOrder(params.getOrDefault("order_by", "modified desc"));
            int start = Integer.parseInt(params.getOrDefault("limit_start", "0"));
            int limit = Integer.parseInt(params.getOrDefault("limit_page_length", "20"));
            return new ListQuery(fields, filter, order, start, limit);
        } catch (Exception e) {
            throw FrappeError.validation("Invalid list parameters: " + e.getMessage());
        }
    }

    List<ObjectNode> apply(List<ObjectNode> documents, ObjectMapper json) {
        return documents.stream().filter(filter).sorted(order).skip(start).limit(limit == 0 ? Long.MAX_VALUE : limit)
                .map(doc -> project(doc, json)).toList();
    }

    private ObjectNode project(ObjectNode doc, ObjectMapper json) {
        ObjectNode row = json.createObjectNode();
        if (fields.contains("*")) {
            doc.fields().forEachRemaining(e -> {
                if (!e.getValue().isArray()) {
                    row.set(e.getKey(), e.getValue());
                }
            });
            return row;
        }
        for (String field : fields) {
            String plain = field.replaceAll("^`?tab[^`]*`?\\.", "").replace("`", "");
            if (doc.hasNonNull(plain)) {
                row.set(plain, doc.get(plain));
            }
        }
        return row;
    }

    private static Predicate<JsonNode> parseFilters(JsonNode filters) {
        Predicate<JsonNode> all = doc -> true;
        if (filters.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = filters.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode value = entry.getValue();
                all = all.and(value.isArray()
                        ? condition(entry.getKey(), value.get(0).asText(), value.get(1))
                        : condition(entry.getKey(), "=", value));
            }
        } else {
            for (JsonNode clause : filters) {
                if (clause.size() == 4) {
                    // [doctype, field, op, value]: the field of the document itself or of a child table's row
                    // (Frappe joins the child doctype), e.g. ["Delivery Note Item", "against_sales_order", "=", x].
                    all = all.and(selfOrChildRow(condition(clause.get(1).asText(), clause.get(2).asText(),
                            clause.get(3))));
                } else {
                    all = all.and(condition(clause.get(0).asText(), clause.get(1).asText(), clause.get(2)));
                }
            }
        }
        return all;
    }

    private static Predicate<JsonNode> selfOrChildRow(Predicate<JsonNode> condition) {
        return doc -> {
            if (condition.test(doc)) {
                return true;
            }
            for (JsonNode value : doc) {
                if (value.isArray()) {
                    for (JsonNode row : value) {
                        if (row.isObject() && condition.test(row)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        };
    }

    private static Predicate<JsonNode> condition(String field, String operator, JsonNode expected) {
        return switch (operator.toLowerCase()) {
            case "=" -> doc -> compare(doc.get(field), expected) == 0;
            case "!=" -> doc -> compare(doc.get(field), expected) != 0;
            case ">" -> doc -> compare(doc.get(field), expected) > 0;
            case "<" -> doc -> compare(doc.get(field), expected) < 0;
            case ">=" -> doc -> compare(doc.get(field), expected) >= 0;
            case "<=" -> doc -> compare(doc.get(field), expected) <= 0;
            case "in" -> doc -> listOf(expected).stream().anyMatch(v -> text(doc.get(field)).equals(v));
            case "not in" -> doc -> listOf(expected).stream().noneMatch(v -> text(doc.get(field)).equals(v));
            case "like" -> doc -> likePattern(expected.asText()).matcher(text(doc.get(field))).matches();
            case "is" -> doc -> "set".equals(expected.asText()) == !text(doc.get(field)).isEmpty();
            default -> throw FrappeError.validation("Operator must be one of =, !=, >, <, >=, <=, in, not in, like, is");
        };
    }

    /** SQL LIKE: % any run, _ any one character, everything else literal, case-insensitive as in MariaDB. */
    private static Pattern likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        for (char c : like.toCharArray()) {
            regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    private static List<String> listOf(JsonNode value) {
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> values.add(v.asText()));
        } else {
            for (String v : value.asText().split(",")) {
                values.add(v.strip());
            }
        }
        return values;
    }

    private static Comparator<JsonNode> parseOrder(String orderBy) {
        String[] parts = orderBy.strip().replace("`", "").split("\\s+");
        String field = parts[0].replaceAll("^tab[^.]*\\.", "");
        Comparator<JsonNode> ascending = (a, b) -> compare(a.get(field), b.get(field));
        return parts.length > 1 && parts[1].equalsIgnoreCase("desc") ? ascending.reversed() : ascending;
    }

    /** Numbers compare as numbers, everything else as text; a missing value sorts first, like NULL and "". */
    static int compare(JsonNode actual, JsonNode expected) {
        if (actual != null && expected != null && isNumeric(actual) && isNumeric(expected)) {
            return new BigDecimal(actual.asText()).compareTo(new BigDecimal(expected.asText()));
        }
        return text(actual).compareTo(text(expected));
    }

    private static boolean isNumeric(JsonNode node) {
        return node.isNumber() || node.asText().matches("-?\\d+(\\.\\d+)?");
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asText();
    }
}
