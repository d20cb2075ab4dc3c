package io.shoperp.erpnext;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Connection and resilience settings of the ERPNext REST API ({@code erpnext.*}).
 * The api secret is deliberately absent from {@link #toString()} so the settings can be logged.
 */
@ConfigurationProperties("erpnext")
public record ErpNextProperties(
        @DefaultValue("http://localhost:8000") String url,
        String apiKey,
        String apiSecret,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("false") boolean setupCustomFields,
        @DefaultValue CircuitBreaker circuitBreaker) {

    /** resilience4j settings of the {@code erpnext} circuit breaker configuration. */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int minimumNumberOfCalls,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("30s") Duration waitDurationInOpenState,
            @DefaultValue("3") int permittedCallsInHalfOpenState,
            Duration slowCallDurationThreshold) {
    }

    /** A slow ERPNext call is one that takes as long as the read timeout unless configured otherwise. */
    public Duration effectiveSlowCallDurationThreshold() {
        Duration configured = circuitBreaker.slowCallDurationThreshold();
        return configured != null ? configured : readTimeout;
    }

    @Override
    public String toString() {
        return "ErpNextProperties[url=" + url + ", apiKey=" + apiKey
                + ", apiSecret=" + (apiSecret == null || apiSecret.isEmpty() ? "<unset>" : "<hidden>")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", setupCustomFields=" + setupCustomFields + ", circuitBreaker=" + circuitBreaker + "]";
    }
}
