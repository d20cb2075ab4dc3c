package io.shoperp.erpnext;

import java.time.Duration;
import java.util.List;

import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The resilience4j configuration routes use as {@code circuitBreaker: {configuration: erpnext, ...}}. Camel's
 * reifier looks a named configuration up in the model first, then in the registry by name and type, which is
 * where this Spring bean is found.
 */
@Configuration(proxyBeanMethods = false)
public class ErpNextCircuitBreakerConfiguration {

    public static final String CONFIGURATION_NAME = "erpnext";

    @Bean(CONFIGURATION_NAME)
    public Resilience4jConfigurationDefinition erpnextCircuitBreaker(ErpNextProperties properties) {
        ErpNextProperties.CircuitBreaker settings = properties.circuitBreaker();
        Resilience4jConfigurationDefinition configuration = new Resilience4jConfigurationDefinition();
        configuration.setFailureRateThreshold(Float.toString(settings.failureRateThreshold()));
        configuration.setMinimumNumberOfCalls(Integer.toString(settings.minimumNumberOfCalls()));
        configuration.setSlidingWindowSize(Integer.toString(settings.slidingWindowSize()));
        configuration.setWaitDurationInOpenState(Long.toString(wholeSeconds(settings.waitDurationInOpenState())));
        configuration.setPermittedNumberOfCallsInHalfOpenState(Integer.toString(settings.permittedCallsInHalfOpenState()));
        configuration.setSlowCallDurationThreshold(Long.toString(wholeSeconds(properties.effectiveSlowCallDurationThreshold())));
        // Default false would let an exchange pass the open circuit as a success: the event would be lost.
        configuration.setThrowExceptionWhenHalfOpenOrOpenState("true");
        // Only an unhealthy ERPNext opens the circuit; a rejected document (permanent) is our data problem.
        configuration.setRecordExceptions(List.of(ErpNextTransientException.class.getName()));
        configuration.setIgnoreExceptions(List.of(ErpNextPermanentException.class.getName()));
        return configuration;
    }

    /** Camel takes these durations in whole seconds; rounding up keeps a sub-second setting from becoming 0. */
    private static long wholeSeconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
