package io.shoperp.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import io.shoperp.onboarding.AdminJob.Kind;
import io.shoperp.onboarding.AdminJob.State;
import io.shoperp.support.H2AppTest;
import io.shoperp.support.SettableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The admin_job table as instances share it: one job of a kind per shop at a time, one instance running a job, a
 * job whose instance stopped renewing taken over after its lease, the stale instance's writes refused.
 */
@H2AppTest
class AdminJobStoreH2Test {

    private static final String SHOP = "jobs-store.myshopify.com";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private final SettableClock clock = new SettableClock(T0);
    private AdminJobStore store;

    @BeforeEach
    void emptyTable() {
        jdbc.update("DELETE FROM admin_job");
        store = new AdminJobStore(jdbc, transactions, clock);
    }

    @Test
    void aSecondJobOfTheSameKindForTheShopWaitsForTheFirstToEnd() {
        AdminJob first = store.create(Kind.PRODUCTS_IMPORT, SHOP, null, null, "admin");
        store.create(Kind.ORDERS_BACKFILL, SHOP, T0.minusSeconds(3600), T0, "admin");
        store.create(Kind.PRODUCTS_IMPORT, "other-" + SHOP, null, null, "admin");

        assertThatThrownBy(() -> store.create(Kind.PRODUCTS_IMPORT, SHOP, null, null, "admin"))
                .isInstanceOfSatisfying(ActiveJobException.class, refused -> {
                    assertThat(refused.active().id()).isEqualTo(first.id());
                    assertThat(refused).hasMessage("a products-import job for " + SHOP + " is already queued as job "
                            + first.id());
                });
        AdminJob claimed = store.claim("a", T0.plusSeconds(60)).orElseThrow();
        assertThat(claimed.id()).isEqualTo(first.id());
        assertThat(store.finish(first.id(), "a", State.DONE, null)).isTrue();
        assertThat(store.create(Kind.PRODUCTS_IMPORT, SHOP, null, null, "admin").state()).isEqualTo(State.QUEUED);
    }

    @Test
    void aJobWhoseInstanceStoppedRenewingIsTakenOverAndTheOldInstanceWritesNothing() {
        AdminJob job = store.create(Kind.PRODUCTS_IMPORT, SHOP, null, null, "admin");
        assertThat(store.claim("a", T0.plusSeconds(60))).isPresent();
        assertThat(store.claim("b", T0.plusSeconds(60))).as("leased to a").isEmpty();
        assertThat(store.pageStored(job.id(), "a", "cursor-1", 300L, 8, 8, 0, T0.plusSeconds(70))).isTrue();

        clock.at(T0.plusSeconds(71));
        AdminJob resumed = store.claim("b", T0.plusSeconds(131)).orElseThrow();

        assertThat(resumed.cursor()).isEqualTo("cursor-1");
        assertThat(resumed.done()).isEqualTo(8);
        assertThat(resumed.total()).isEqualTo(300);
        assertThat(resumed.startedAt()).as("started once").isEqualTo(T0);
        assertThat(store.pageStored(job.id(), "a", "cursor-2", null, 8, 8, 0, T0.plusSeconds(140))).isFalse();
        assertThat(store.finish(job.id(), "a", State.DONE, null)).isFalse();
        assertThat(store.find(job.id()).orElseThrow().cursor()).isEqualTo("cursor-1");
    }

    @Test
    void aPausedJobWaitsUntilItsTimeAndKeepsItsProgress() {
        AdminJob job = store.create(Kind.ORDERS_BACKFILL, SHOP, T0.minusSeconds(86_400), T0, "admin");
        store.claim("a", T0.plusSeconds(60));
        store.pageStored(job.id(), "a", "cursor-1", 40L, 20, 18, 2, T0.plusSeconds(60));
        assertThat(store.pause(job.id(), "a", T0.plusSeconds(30), "throttled by Shopify")).isTrue();

        assertThat(store.claim("b", T0.plusSeconds(60))).as("not before its time").isEmpty();
        clock.at(T0.plusSeconds(30));
        AdminJob resumed = store.claim("b", T0.plusSeconds(90)).orElseThrow();

        assertThat(resumed.state()).isEqualTo(State.RUNNING);
        assertThat(resumed.lastError()).isEqualTo("throttled by Shopify");
        assertThat(resumed.stored()).isEqualTo(18);
        assertThat(resumed.failed()).isEqualTo(2);
    }
}
