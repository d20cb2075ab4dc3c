package io.shoperp.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void namesEachClassDownTheChainAndNoMessage() {
        Throwable failure = new IllegalStateException("secret-token",
                new IOException("payload {\"email\":\"x\"}", new SQLException("password=hunter2")));

        assertThat(Causes.classNames(failure)).isEqualTo("IllegalStateException <- IOException <- SQLException");
    }

    @Test
    void noFailureIsNone() {
        assertThat(Causes.classNames(null)).isEqualTo("none");
    }
}
