package io.shoperp.shopify.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders as the Admin API pages them with {@code sortKey: UPDATED_AT}: by updated time then id, a cursor naming the
 * last order seen (so an order updated while a client pages moves behind it, as in Shopify).
 */
final class SandboxOrders {

    record StoredOrder(long id, Instant updatedAt, byte[] restJson) {
    }

    record Page(List<StoredOrder> orders, boolean hasNextPage, String endCursor) {
    }

    private static final Comparator<StoredOrder> UPDATED_ORDER =
            Comparator.comparing(StoredOrder::updatedAt).thenComparingLong(StoredOrder::id);

    private static final Pattern UPDATED_AT_TERM = Pattern.compile("updated_at:(>=|<=|>|<)'([^']+)'");

    private final Map<Long, StoredOrder> orders = new HashMap<>();

    synchronized void put(StoredOrder order) {
        orders.put(order.id(), order);
    }

    synchronized Optional<StoredOrder> find(long id) {
        return Optional.ofNullable(orders.get(id));
    }

    /** Orders whose updated time passes {@code updated}, after the cursor's order, at most {@code first}. */
    synchronized Page page(Predicate<Instant> updated, String after, int first) {
        Optional<StoredOrder> cursor = Optional.ofNullable(after).map(SandboxOrders::decodeCursor);
        List<StoredOrder> matching = orders.values().stream()
                .filter(order -> updated.test(order.updatedAt()))
                .filter(order -> cursor.isEmpty() || UPDATED_ORDER.compare(order, cursor.get()) > 0)
                .sorted(UPDATED_ORDER)
                .toList();
        List<StoredOrder> page = new ArrayList<>(matching.subList(0, Math.min(first, matching.size())));
        String endCursor = page.isEmpty() ? null : encodeCursor(page.get(page.size() - 1));
        return new Page(page, matching.size() > page.size(), endCursor);
    }

    synchronized long count(Predicate<Instant> updated) {
        return orders.values().stream().filter(order -> updated.test(order.updatedAt())).count();
    }

    /**
     * The {@code updated_at} terms of a search query ({@code updated_at:>'2026-01-01T00:00:00Z'}, with {@code >},
     * {@code >=}, {@code <} or {@code <=}; terms separated by spaces all apply), as Shopify's search syntax reads them.
     */
    static Predicate<Instant> updatedAtFilter(String query) {
        Predicate<Instant> filter = at -> true;
        Matcher term = UPDATED_AT_TERM.matcher(query);
        while (term.find()) {
            Instant bound = Instant.parse(term.group(2));
            Predicate<Instant> condition = switch (term.group(1)) {
                case ">" -> at -> at.isAfter(bound);
                case ">=" -> at -> !at.isBefore(bound);
                case "<" -> at -> at.isBefore(bound);
                default -> at -> !at.isAfter(bound);
            };
            filter = filter.and(condition);
        }
        return filter;
    }

    private static String encodeCursor(StoredOrder order) {
        return Base64.getUrlEncoder().encodeToString(
                (order.updatedAt() + "|" + order.id()).getBytes(StandardCharsets.UTF_8));
    }

    private static StoredOrder decodeCursor(String cursor) {
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
        return new StoredOrder(Long.parseLong(parts[1]), Instant.parse(parts[0]), null);
    }
}
