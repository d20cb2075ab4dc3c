package io.shoperp.shopify.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A GraphQL connection page ({@code nodes}, {@code pageInfo}) over items in id order, as Shopify pages its default
 * ID sort: {@code first} 1 to 250, an opaque cursor naming the last item seen.
 */
final class SandboxConnections {

    static final int MAX_PAGE_SIZE = 250;

    private SandboxConnections() {
    }

    /** @throws IllegalArgumentException for a page size out of range or a cursor the sandbox did not hand out */
    static <T> ObjectNode page(ObjectMapper json, List<T> itemsInIdOrder, ToLongFunction<T> id, JsonNode variables,
            Function<T, ObjectNode> node) {
        int first = variables.path("first").asInt(0);
        if (first < 1 || first > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("first must be 1.." + MAX_PAGE_SIZE);
        }
        long after = variables.path("after").isTextual() ? decode(variables.path("after").asText()) : Long.MIN_VALUE;
        List<T> matching = itemsInIdOrder.stream().filter(item -> id.applyAsLong(item) > after).toList();
        List<T> page = matching.subList(0, Math.min(first, matching.size()));
        ObjectNode connection = json.createObjectNode();
        ObjectNode pageInfo = connection.putObject("pageInfo").put("hasNextPage", matching.size() > page.size());
        pageInfo.put("endCursor", page.isEmpty() ? null : encode(id.applyAsLong(page.get(page.size() - 1))));
        ArrayNode nodes = connection.putArray("nodes");
        page.forEach(item -> nodes.add(node.apply(item)));
        return connection;
    }

    private static String encode(long id) {
        return Base64.getUrlEncoder().encodeToString(("{\"last_id\":" + id + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return Long.parseLong(text.replaceAll("[^0-9-]", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid cursor: " + cursor, e);
        }
    }
}
