package io.shoperp.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ThrottleStatusTest {

    @Test
    void waitsForTheMissingPointsAtTheRestoreRateRoundedUp() {
        assertThat(new ThrottleStatus(1000, 10, 50).waitFor(110)).isEqualTo(Duration.ofSeconds(2));
        assertThat(new ThrottleStatus(1000, 0, 3).waitFor(1)).isEqualTo(Duration.ofMillis(334));
    }

    @Test
    void doesNotWaitWhenThePointsAreThere() {
        assertThat(new ThrottleStatus(1000, 200, 50).waitFor(110)).isZero();
    }

    @Test
    void aCostAboveTheBucketWaitsOnlyForAFullBucket() {
        assertThat(new ThrottleStatus(1000, 900, 50).waitFor(5000)).isEqualTo(Duration.ofSeconds(2));
    }
}
