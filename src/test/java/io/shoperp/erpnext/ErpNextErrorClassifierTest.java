package io.shoperp.erpnext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

class ErpNextErrorClassifierTest {

    private static final ObjectMapper JSON = ErpNextClient.objectMapper();

    @Test
    void openCircuitIsTransient() {
        Throwable open = CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("erpnext"));

        ErrorClassification classification = ErpNextErrorClassifier.classify(new RuntimeCamelException(open));

        assertThat(classification.isTransient()).isTrue();
        assertThat(classification.reason()).contains("circuit breaker is open");
    }

    @Test
    void timeoutsAndConnectionFailuresAreTransientEvenWhenWrapped() {
        assertThat(ErpNextErrorClassifier.classify(new HttpTimeoutException("request timed out")).isTransient()).isTrue();
        assertThat(ErpNextErrorClassifier.classify(
                new CamelExecutionException("failed", null, new ConnectException("refused"))).isTransient()).isTrue();
    }

    @Test
    void rateLimitKeepsItsRetryAfter() {
        ErpNextException limited = FrappeErrorResponse.toException("get Item X", 429,
                JSON.createObjectNode().put("exc_type", "TooManyRequestsError"), Optional.of("12"), JSON);

        ErrorClassification classification = ErpNextErrorClassifier.classify(limited);

        assertThat(classification.kind()).isEqualTo(ErrorClassification.Kind.TRANSIENT);
        assertThat(classification.retryAfter()).contains(Duration.ofSeconds(12));
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        String inOneMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(60));

        assertThat(FrappeErrorResponse.parseRetryAfter(inOneMinute)).hasValueSatisfying(
                wait -> assertThat(wait).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60)));
    }

    @Test
    void gatewayErrorsAreTransientAndMayHaveBeenApplied() {
        ErpNextException gateway = FrappeErrorResponse.toException("create Sales Order", 504, JSON.createObjectNode(),
                Optional.empty(), JSON);

        assertThat(gateway).isInstanceOfSatisfying(ErpNextTransientException.class,
                e -> assertThat(e.requestMayHaveBeenApplied()).isTrue());
        assertThat(FrappeErrorResponse.toException("x", 503, JSON.createObjectNode(), Optional.empty(), JSON))
                .isInstanceOfSatisfying(ErpNextTransientException.class,
                        e -> assertThat(e.requestMayHaveBeenApplied()).isFalse());
    }

    @Test
    void clientErrorsArePermanentWithFrappesMessage() {
        ErpNextException forbidden = FrappeErrorResponse.toException("get Sales Order", 403,
                JSON.createObjectNode().put("exc_type", "PermissionError")
                        .put("exception", "frappe.exceptions.PermissionError: Insufficient Permission for Sales Order"),
                Optional.empty(), JSON);

        ErrorClassification classification = ErpNextErrorClassifier.classify(new RuntimeCamelException(forbidden));

        assertThat(classification.kind()).isEqualTo(ErrorClassification.Kind.PERMANENT);
        assertThat(classification.reason())
                .isEqualTo("get Sales Order: HTTP 403 PermissionError: Insufficient Permission for Sales Order");
    }

    @Test
    void unexpectedFailuresArePermanent() {
        assertThat(ErpNextErrorClassifier.classify(new IllegalArgumentException("no business key")).kind())
                .isEqualTo(ErrorClassification.Kind.PERMANENT);
    }

    @Test
    void unparseableJsonIsPermanentAlthoughItIsAnIOException() {
        Throwable badJson = assertThrows(Exception.class, () -> JSON.readTree("{oops"));

        assertThat(ErpNextErrorClassifier.classify(badJson).kind()).isEqualTo(ErrorClassification.Kind.PERMANENT);
    }
}
