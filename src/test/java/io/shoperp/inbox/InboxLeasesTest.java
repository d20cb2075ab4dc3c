package io.shoperp.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** How much an instance may claim: its workers' events plus one batch waiting, refilled once half of it started. */
class InboxLeasesTest {

    private final ProcessingProperties properties = new ProcessingProperties();
    private final InboxLeases leases;

    InboxLeasesTest() {
        properties.setConcurrency(2);
        properties.setBatchSize(4);
        leases = new InboxLeases(null, null, null, properties, Clock.systemUTC(), null);
    }

    @Test
    void anIdleInstanceClaimsAWholeBatch() {
        assertThat(leases.roomToClaim(Duration.ZERO)).isEqualTo(4);
    }

    @Test
    void whileHalfTheWaitingBatchHasNotStartedNothingMoreIsClaimed() {
        leases.held(events(1, 5), Instant.now());

        long start = System.nanoTime();
        assertThat(leases.roomToClaim(Duration.ofMillis(200))).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(leases.isFull()).isTrue();
    }

    @Test
    void aWaitingClaimGoesOnAsSoonAsAWorkerFinishes() throws Exception {
        List<InboxEvent> inHand = events(1, 5);
        leases.held(inHand, Instant.now());

        CompletableFuture<Integer> room = CompletableFuture.supplyAsync(() -> leases.roomToClaim(Duration.ofSeconds(30)));
        Thread.sleep(100);
        assertThat(room).isNotDone();
        leases.released(inHand.get(0));

        assertThat(room.get(5, TimeUnit.SECONDS)).as("up to the workers plus a batch: 2 + 4 - 4 in hand").isEqualTo(2);
    }

    private static List<InboxEvent> events(long first, long count) {
        return LongStream.range(first, first + count).mapToObj(id -> new InboxEvent(id, "shop.myshopify.com",
                "orders/create", "w" + id, "order:" + id, null, null, null, new byte[0], InboxStatus.PROCESSING, 1,
                null, "me", null)).toList();
    }
}
