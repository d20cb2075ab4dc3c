package io.shoperp.stock;

import static io.shoperp.inbox.UtcColumns.utc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.ingest.ShopRegistry;
import io.shoperp.mapping.ItemCodes;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.shopify.ShopifyOrderPayloads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The shop's sales as the inbox knows them, for the stock push: per Shopify order (its newest orders/* version), the
 * units of each item, where it was sold (a POS order's location; an online order's location is not in the payload,
 * so it counts at every location of the item, which never offers too much), when it was created, and whether ERPNext
 * has recorded it (an orders/* event of it ended DONE, so its Sales Order reserves the stock). Cancelled orders gave
 * their stock back and do not count.
 */
@Component
public class InboxSales {

    private static final Logger log = LoggerFactory.getLogger(InboxSales.class);

    private final JdbcTemplate jdbc;

    public InboxSales(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One order line: {@code quantity} units of an item. */
    record Sale(String itemCode, Long locationId, int quantity, Instant createdAt, boolean recorded) {

        boolean at(String item, long location) {
            return itemCode.equals(item) && (locationId == null || locationId == location);
        }
    }

    /** The sales of orders received since a time, and of every order ERPNext has not recorded. */
    public record Sales(List<Sale> sales) {

        public static final Sales NONE = new Sales(List.of());

        /** Units sold in Shopify that ERPNext has not recorded yet. */
        public int pending(String itemCode, long locationId) {
            return sales.stream().filter(sale -> !sale.recorded() && sale.at(itemCode, locationId))
                    .mapToInt(Sale::quantity).sum();
        }

        /**
         * Units of orders created after {@code baselineAt}, recorded or not. Shopify's times have whole seconds: an
         * order of the same second may be older than the baseline and is not counted, which can only hold back more.
         */
        public int arrivedAfter(String itemCode, long locationId, Instant baselineAt) {
            Instant nextSecond = baselineAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            return sales.stream().filter(sale -> sale.at(itemCode, locationId) && !sale.createdAt().isBefore(nextSecond))
                    .mapToInt(Sale::quantity).sum();
        }
    }

    /**
     * @param receivedSince the oldest arrival that can still explain a drop (the oldest baseline of the shop's
     *                      levels, bounded by {@code stock.sales-lookback})
     */
    public Sales of(String shop, Instant receivedSince) {
        String domain = ShopRegistry.normalise(shop);
        Map<String, byte[]> newestByOrder = new LinkedHashMap<>();
        jdbc.query("SELECT entity_key, payload FROM inbox_event WHERE shop_domain = ? AND topic LIKE 'orders/%'"
                        + " AND (received_at >= ? OR status IN ('PENDING', 'PROCESSING', 'DEAD'))"
                        + " ORDER BY entity_key, order_at DESC, id DESC",
                rs -> {
                    newestByOrder.putIfAbsent(rs.getString(1), rs.getBytes(2));
                }, domain, utc(receivedSince));
        if (newestByOrder.isEmpty()) {
            return Sales.NONE;
        }
        Set<String> recorded = recordedOrders(domain, newestByOrder.keySet());
        List<Sale> sales = new ArrayList<>();
        newestByOrder.forEach((order, payload) -> addSales(sales, order, payload, recorded.contains(order)));
        return new Sales(sales);
    }

    private Set<String> recordedOrders(String domain, Set<String> orders) {
        Set<String> recorded = new HashSet<>();
        List<String> keys = new ArrayList<>(orders);
        for (int from = 0; from < keys.size(); from += 500) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + 500));
            String placeholders = String.join(",", batch.stream().map(key -> "?").toList());
            List<Object> arguments = new ArrayList<>();
            arguments.add(domain);
            arguments.addAll(batch);
            recorded.addAll(jdbc.queryForList("SELECT DISTINCT entity_key FROM inbox_event WHERE shop_domain = ?"
                    + " AND topic LIKE 'orders/%' AND status = 'DONE' AND entity_key IN (" + placeholders + ")",
                    String.class, arguments.toArray()));
        }
        return recorded;
    }

    private static void addSales(List<Sale> sales, String orderKey, byte[] payload, boolean recorded) {
        ShopifyOrder order;
        try {
            order = ShopifyOrderPayloads.order(payload);
        } catch (UnprocessableEventException unreadable) {
            // Goes DEAD in processing with the reason; it cannot tell the push what it sold.
            log.debug("stock push: {} is not readable as an order: {}", orderKey, unreadable.getMessage());
            return;
        }
        if (order.isCancelled()) {
            return;
        }
        for (ShopifyOrder.LineItem line : order.lineItems()) {
            if (line.quantity() > 0) {
                try {
                    sales.add(new Sale(ItemCodes.forLineItem(line), order.locationId(), line.quantity(),
                            order.createdAt().toInstant(), recorded));
                } catch (UnprocessableEventException noItemCode) {
                    log.debug("stock push: {} line {} has no item code: {}", orderKey, line.id(), noItemCode.getMessage());
                }
            }
        }
    }
}
