package io.shoperp.erpnext;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The circuit breaker routes use as {@code circuitBreaker: {configuration: erpnext, steps: [...]}}. Camel's reifier
 * looks a named configuration up in the model first, then in the registry by name and type, where it finds the
 * {@code erpnext} bean; that bean points at one shared resilience4j breaker, so every route sees one ERPNext health.
 * <p>
 * Which failures count is decided by the resilience4j breaker itself (transient ones only), NOT by Camel's
 * recordExceptions/ignoreExceptions: in Camel 4.17 an exception that those lists exclude is turned into a silent
 * success of the exchange (ResilienceProcessor's fallback task clears it), which would drop a rejected document.
 */
@Configuration(proxyBeanMethods = false)
public class ErpNextCircuitBreakerConfiguration {

    public static final String CONFIGURATION_NAME = "erpnext";
    public static final String CIRCUIT_BREAKER_BEAN = "erpnextCircuitBreaker";

    /** Holds the one {@code erpnext} breaker; its meters are bound from here. */
    @Bean
    public CircuitBreakerRegistry erpnextCircuitBreakers(ErpNextProperties properties) {
        return CircuitBreakerRegistry.of(config(properties));
    }

    @Bean(CIRCUIT_BREAKER_BEAN)
    public CircuitBreaker erpnextCircuitBreaker(CircuitBreakerRegistry erpnextCircuitBreakers) {
        return erpnextCircuitBreakers.circuitBreaker(CONFIGURATION_NAME);
    }

    /**
     * resilience4j's standard meters, tagged name=erpnext: resilience4j.circuitbreaker.state (1 for the current
     * state), .calls (kind: successful, failed, not_permitted, ignored), .failure.rate, .slow.call.rate, ...
     */
    @Bean
    public MeterBinder erpnextCircuitBreakerMetrics(CircuitBreakerRegistry erpnextCircuitBreakers) {
        return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(erpnextCircuitBreakers);
    }

    static CircuitBreakerConfig config(ErpNextProperties properties) {
        ErpNextProperties.CircuitBreaker settings = properties.circuitBreaker();
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .slidingWindowSize(settings.slidingWindowSize())
                .waitDurationInOpenState(settings.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                .slowCallDurationThreshold(properties.effectiveSlowCallDurationThreshold())
                // A rejected document (permanent) is our data problem, not a sign that ERPNext is unwell.
                .recordException(failure -> ErpNextErrorClassifier.classify(failure).isTransient())
                .build();
    }

    @Bean(CONFIGURATION_NAME)
    public Resilience4jConfigurationDefinition erpnextCircuitBreakerConfiguration() {
        Resilience4jConfigurationDefinition configuration = new Resilience4jConfigurationDefinition();
        configuration.setCircuitBreaker(CIRCUIT_BREAKER_BEAN);
        // Default false lets an exchange pass an open circuit as a success: the event would be lost.
        configuration.setThrowExceptionWhenHalfOpenOrOpenState("true");
        return configuration;
    }
}
