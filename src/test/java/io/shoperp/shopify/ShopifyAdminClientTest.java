package io.shoperp.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import io.shoperp.shopify.ShopifyAdminClient.OrderUpdate;
import io.shoperp.shopify.ShopifyAdminClient.OrdersPage;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShopifyAdminClientTest {

    private static final Instant WATERMARK = Instant.parse("2026-11-28T00:00:00Z");
    private static final long ITEM = 49148385;
    private static final long OTHER_ITEM = 49148386;
    private static final long LOCATION = 655441491;

    private final ShopifySandbox sandbox = new ShopifySandbox().start();
    private final ShopifyAdminClient client = client(Duration.ofSeconds(1), 2);

    @AfterEach
    void stopSandbox() {
        sandbox.stop();
    }

    @Test
    void pagesEveryOrderUpdatedAfterTheWatermarkOnceInUpdatedOrder() {
        List<Long> ids = new ArrayList<>(LongStream.rangeClosed(1, 650).boxed().toList());
        Collections.shuffle(ids, new Random(7));
        for (long id : ids) {
            // 1..50 are at or before the watermark; the rest after it, several sharing a second.
            sandbox.putOrder(id * 1_000_000_007L, WATERMARK.plusSeconds(id / 3 - 16));
        }

        List<OrderUpdate> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        OrdersPage page;
        do {
            page = client.ordersUpdatedSince(WATERMARK, cursor, 250);
            seen.addAll(page.orders());
            pageSizes.add(page.orders().size());
            cursor = page.endCursor();
        } while (page.hasNextPage());

        assertThat(pageSizes).containsExactly(250, 250, 100);
        assertThat(seen).extracting(OrderUpdate::id).doesNotHaveDuplicates().hasSize(600);
        assertThat(seen).extracting(OrderUpdate::updatedAt).isSorted().allMatch(updated -> updated.isAfter(WATERMARK));
        assertThat(seen).extracting(OrderUpdate::id).doesNotContain(48 * 1_000_000_007L);
    }

    @Test
    void returnsTheRestOrderExactlyAsShopifySentIt() {
        byte[] order = "{\"id\": 450789469,  \"total_price\":\"254.98\", \"weight\": 1.50, \"note\":\"Grüße\", \"line_items\":[{\"id\":1}]}"
                .getBytes(StandardCharsets.UTF_8);
        sandbox.putOrder(450789469L, WATERMARK, order);

        assertThat(client.orderJson(450789469L)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(order));
        assertThat(client.orderJson(1L)).isEmpty();
    }

    @Test
    void readsAnOrdersTransactionsWithDecimalAmountsAndTheirKinds() {
        long order = 450789469L;
        sandbox.putTransactions(order, List.of(
                ShopifySandbox.transaction(11, order, "authorization", "shopify_payments", "success", "116.06", WATERMARK, null),
                ShopifySandbox.transaction(12, order, "capture", "shopify_payments", "success", "50.00", WATERMARK, 11L)));

        List<ShopifyTransaction> transactions = client.orderTransactions(order);

        assertThat(transactions).extracting(ShopifyTransaction::id, ShopifyTransaction::kind, ShopifyTransaction::parentId,
                        ShopifyTransaction::isCapturedPayment)
                .containsExactly(tuple(11L, "authorization", null, false), tuple(12L, "capture", 11L, true));
        assertThat(transactions.get(1).amount()).isEqualByComparingTo("50.00");
        assertThat(transactions.get(1).processedAt().toInstant()).isEqualTo(WATERMARK);
        assertThat(client.orderTransactions(1L)).isEmpty();
        assertThat(sandbox.requestCount("rest transactions")).isEqualTo(2);
    }

    @Test
    void setsAvailableWhenTheCompareMatchesAndReportsAStaleCompareWithoutChangingAnything() {
        sandbox.setAvailable(ITEM, LOCATION, 10).setAvailable(OTHER_ITEM, LOCATION, 4);

        assertThat(client.setAvailable(List.of(new InventoryChange(ITEM, LOCATION, 7, 10)), "push-1", "correction",
                "gid://erpnext/Bin/1").isApplied()).isTrue();
        assertThat(sandbox.available(ITEM, LOCATION)).hasValue(7);

        InventoryChange fresh = new InventoryChange(OTHER_ITEM, LOCATION, 3, 4);
        InventoryChange stale = new InventoryChange(ITEM, LOCATION, 5, 10);
        InventorySetResult result = client.setAvailable(List.of(fresh, stale), "push-2", "correction", null);

        assertThat(result.isApplied()).isFalse();
        assertThat(result.staleChanges()).containsExactly(stale);
        assertThat(sandbox.available(ITEM, LOCATION)).hasValue(7);
        assertThat(sandbox.available(OTHER_ITEM, LOCATION)).hasValue(4);

        int current = client.available(ITEM, LOCATION);
        assertThat(client.setAvailable(List.of(fresh, new InventoryChange(ITEM, LOCATION, 5, current)), "push-3",
                "correction", null).isApplied()).isTrue();
        assertThat(sandbox.available(ITEM, LOCATION)).hasValue(5);
        assertThat(sandbox.inventoryWrites(ITEM, LOCATION)).isEqualTo(2);
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstResultAndWritesOnce() {
        sandbox.setAvailable(ITEM, LOCATION, 10);
        List<InventoryChange> change = List.of(new InventoryChange(ITEM, LOCATION, 7, 10));

        assertThat(client.setAvailable(change, "push-1", "correction", null).isApplied()).isTrue();
        sandbox.simulateSale(ITEM, LOCATION, 2);
        assertThat(client.setAvailable(change, "push-1", "correction", null).isApplied()).isTrue();

        assertThat(sandbox.inventoryWrites(ITEM, LOCATION)).isEqualTo(1);
        assertThat(sandbox.available(ITEM, LOCATION)).hasValue(5);
    }

    @Test
    void otherUserErrorsAndUnstockedLevelsArePermanent() {
        assertThatThrownBy(() -> client.setAvailable(List.of(new InventoryChange(ITEM, LOCATION, 1, null)), "push-1",
                "correction", null))
                .isInstanceOfSatisfying(ShopifyPermanentException.class, e -> assertThat(e.refusesTheShop()).isFalse())
                .hasMessageContaining("ITEM_NOT_STOCKED_AT_LOCATION");
        assertThatThrownBy(() -> client.available(ITEM, LOCATION))
                .isInstanceOfSatisfying(ShopifyPermanentException.class, e -> assertThat(e.refusesTheShop()).isFalse())
                .hasMessageContaining("not stocked");
    }

    @Test
    void aMissingScopeRefusesTheShopNotJustTheItem() {
        sandbox.setAvailable(ITEM, LOCATION, 10).denyAccessNext(1);

        assertThatThrownBy(() -> client.available(ITEM, LOCATION))
                .isInstanceOfSatisfying(ShopifyPermanentException.class, e -> assertThat(e.refusesTheShop()).isTrue())
                .hasMessageContaining("ACCESS_DENIED");
        assertThat(client.available(ITEM, LOCATION)).isEqualTo(10);
    }

    @Test
    void aThrottledCallLongerThanTheMaximumWaitIsHandedBackWithItsWait() {
        sandbox.setAvailable(ITEM, LOCATION, 10)
                .throttleNext(1, new ThrottleStatus(2000, 10, 100), 110);

        ShopifyAdminClient patient = client(Duration.ofMillis(999), 2);

        assertThatThrownBy(() -> patient.available(ITEM, LOCATION))
                .isInstanceOfSatisfying(ShopifyThrottledException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(sandbox.requestCount("graphql inventoryItem")).isEqualTo(1);
    }

    @Test
    void readsVariantPricesWithTheirProductAndLeavesOutUnknownVariants() {
        sandbox.putVariant(8001, 9001, "SKU-A", ITEM, "19.90").putVariant(8001, 9002, "SKU-B", OTHER_ITEM, "5");

        Map<Long, VariantPrice> prices = client.variantPrices(List.of(9001L, 9002L, 9999L));

        assertThat(prices).containsOnlyKeys(9001L, 9002L);
        assertThat(prices.get(9001L)).satisfies(price -> {
            assertThat(price.productId()).isEqualTo(8001);
            assertThat(price.price()).isEqualByComparingTo("19.90");
        });
        assertThat(sandbox.requestCount("graphql nodes")).isEqualTo(1);
    }

    @Test
    void setsThePricesOfAProductsVariantsInOneCallAndRefusalsArePermanent() {
        sandbox.putVariant(8001, 9001, "SKU-A", ITEM, "19.90").putVariant(8001, 9002, "SKU-B", OTHER_ITEM, "5.00");

        client.setVariantPrices(8001, Map.of(9001L, new BigDecimal("21.00"), 9002L, new BigDecimal("6.50")));

        assertThat(sandbox.variantPrice(9001)).hasValueSatisfying(price -> assertThat(price).isEqualByComparingTo("21"));
        assertThat(sandbox.variantPrice(9002)).hasValueSatisfying(price -> assertThat(price).isEqualByComparingTo("6.5"));
        assertThat(sandbox.requestCount("graphql productVariantsBulkUpdate")).isEqualTo(1);
        assertThatThrownBy(() -> client.setVariantPrices(8002, Map.of(9001L, BigDecimal.ONE)))
                .isInstanceOfSatisfying(ShopifyPermanentException.class, e -> assertThat(e.refusesTheShop()).isFalse());
        assertThat(sandbox.priceWrites(9001)).isEqualTo(1);
    }

    @Test
    void shortThrottleWaitsAreRetriedInProcessUpToTheBound() {
        sandbox.setAvailable(ITEM, LOCATION, 10)
                .throttleNext(2, new ThrottleStatus(2000, 95, 100), 100);

        assertThat(client.available(ITEM, LOCATION)).isEqualTo(10);
        assertThat(sandbox.requestCount("graphql inventoryItem")).isEqualTo(3);

        sandbox.throttleNext(3, new ThrottleStatus(2000, 95, 100), 100);
        assertThatThrownBy(() -> client.available(ITEM, LOCATION)).isInstanceOf(ShopifyThrottledException.class);
        assertThat(sandbox.requestCount("graphql inventoryItem")).isEqualTo(6);
    }

    @Test
    void http429CarriesRetryAfterAndShortOnesAreRetried() {
        sandbox.putOrder(1L, WATERMARK).rateLimitNext(1, Duration.ofSeconds(2));

        assertThatThrownBy(() -> client.orderJson(1L))
                .isInstanceOfSatisfying(ShopifyThrottledException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
                });

        sandbox.rateLimitNext(1, Duration.ofMillis(30));
        assertThat(client.orderJson(1L)).isPresent();
        assertThat(sandbox.requestCount("rest order")).isEqualTo(3);
    }

    @Test
    void aWrongTokenIsPermanentAndNotRepeatedInTheMessage() {
        ShopifyAdminClient wrong = new ShopifyAdminClient(sandbox.adminApiUrl(), "shpat_wrong", settings(Duration.ZERO, 0));

        assertThatThrownBy(() -> wrong.ordersUpdatedSince(WATERMARK, null, 10))
                .isInstanceOfSatisfying(ShopifyPermanentException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.refusesTheShop()).isTrue();
                })
                .message().doesNotContain("shpat_wrong");
    }

    @Test
    void serverErrorsAreTransientAndForbiddenIsPermanent() {
        sandbox.setAvailable(ITEM, LOCATION, 10).failNext(1, 503).failNext(1, 403);

        assertThatThrownBy(() -> client.available(ITEM, LOCATION))
                .isExactlyInstanceOf(ShopifyTransientException.class).hasMessageContaining("HTTP 503");
        assertThatThrownBy(() -> client.available(ITEM, LOCATION))
                .isInstanceOfSatisfying(ShopifyPermanentException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.refusesTheShop()).isTrue();
                });
        assertThat(client.available(ITEM, LOCATION)).isEqualTo(10);
    }

    @Test
    void anUnreachableShopIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ShopifyAdminClient unreachable = new ShopifyAdminClient("http://127.0.0.1:" + closedPort,
                ShopifySandbox.DEFAULT_ACCESS_TOKEN, settings(Duration.ZERO, 0));

        assertThatThrownBy(() -> unreachable.available(ITEM, LOCATION)).isExactlyInstanceOf(ShopifyTransientException.class);
    }

    private ShopifyAdminClient client(Duration maxThrottleWait, int throttleRetries) {
        return new ShopifyAdminClient(sandbox.adminApiUrl() + "/", sandbox.accessToken(),
                settings(maxThrottleWait, throttleRetries));
    }

    private static ShopifyAdminSettings settings(Duration maxThrottleWait, int throttleRetries) {
        return new ShopifyAdminSettings(ShopifySandbox.API_VERSION, Duration.ofSeconds(1), Duration.ofSeconds(5),
                maxThrottleWait, throttleRetries);
    }
}
