package io.shoperp.erpnext;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ErpNextConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ErpNextProperties.class)
    static class ErpNextPropertiesBinding {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(
            ErpNextPropertiesBinding.class, ErpNextConfiguration.class, ErpNextCircuitBreakerConfiguration.class,
            CustomFieldSetupAtStartup.class);

    private ErpNextSandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = ErpNextSandbox.startSeeded();
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    @Test
    void defaultsMatchTheDocumentedConfiguration() {
        context.run(ctx -> {
            ErpNextProperties properties = ctx.getBean(ErpNextProperties.class);
            assertThat(properties.url()).isEqualTo("http://localhost:8000");
            assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.setupCustomFields()).isFalse();
            assertThat(properties.effectiveSlowCallDurationThreshold()).isEqualTo(Duration.ofSeconds(30));

            Resilience4jConfigurationDefinition configuration = ctx.getBean("erpnext", Resilience4jConfigurationDefinition.class);
            assertThat(configuration.getCircuitBreaker()).isEqualTo("erpnextCircuitBreaker");
            assertThat(configuration.getThrowExceptionWhenHalfOpenOrOpenState()).isEqualTo("true");
            assertThat(configuration.getIgnoreExceptions()).as("would turn failures into successes").isNullOrEmpty();
            CircuitBreakerConfig breaker = ctx.getBean("erpnextCircuitBreaker", CircuitBreaker.class).getCircuitBreakerConfig();
            assertThat(breaker.getFailureRateThreshold()).isEqualTo(50f);
            assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(10);
            assertThat(breaker.getSlidingWindowSize()).isEqualTo(20);
            assertThat(breaker.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
            assertThat(breaker.getSlowCallDurationThreshold()).isEqualTo(Duration.ofSeconds(30));
            assertThat(breaker.getRecordExceptionPredicate().test(new ErpNextPermanentException("x", 417, null))).isFalse();
            assertThat(breaker.getRecordExceptionPredicate().test(new ConnectException())).isTrue();
            assertThat(ctx).doesNotHaveBean(CustomFieldSetupAtStartup.class);
        });
    }

    @Test
    void circuitBreakerSettingsComeFromProperties() {
        context.withPropertyValues("erpnext.circuit-breaker.failure-rate-threshold=25",
                "erpnext.circuit-breaker.wait-duration-in-open-state=2m",
                "erpnext.circuit-breaker.slow-call-duration-threshold=500ms").run(ctx -> {
            CircuitBreakerConfig breaker = ctx.getBean("erpnextCircuitBreaker", CircuitBreaker.class).getCircuitBreakerConfig();
            assertThat(breaker.getFailureRateThreshold()).isEqualTo(25f);
            assertThat(breaker.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(Duration.ofMinutes(2).toMillis());
            assertThat(breaker.getSlowCallDurationThreshold()).isEqualTo(Duration.ofMillis(500));
        });
    }

    @Test
    void setupRunsAtStartupWhenEnabled() {
        context.withPropertyValues("erpnext.url=" + sandbox.baseUrl(), "erpnext.api-key=" + sandbox.apiKey(),
                "erpnext.api-secret=" + sandbox.apiSecret(), "erpnext.setup-custom-fields=true").run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(CustomFieldSetupAtStartup.class);
            assertThat(sandbox.documents("Custom Field")).hasSize(CustomFieldSetup.REQUIRED_FIELDS.size());
        });
    }

    @Test
    void startupFailsWhenSetupCannotReachErpNext() {
        sandbox.refuseConnections();
        context.withPropertyValues("erpnext.url=" + sandbox.baseUrl(), "erpnext.setup-custom-fields=true",
                "erpnext.connect-timeout=200ms").run(ctx -> assertThat(ctx).hasFailed());
    }

    @Test
    void apiSecretNeverAppearsInToString() {
        context.withPropertyValues("erpnext.api-key=key-1", "erpnext.api-secret=s3cr3t").run(ctx ->
                assertThat(ctx.getBean(ErpNextProperties.class).toString()).contains("key-1").doesNotContain("s3cr3t"));
    }
}
