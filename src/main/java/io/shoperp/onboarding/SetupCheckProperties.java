package io.shoperp.onboarding;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code setup-check.*}: whether the setup check runs by itself at start, how far ERPNext's clock may be off. */
@ConfigurationProperties("setup-check")
public record SetupCheckProperties(
        @DefaultValue("true") boolean atStart,
        @DefaultValue("60s") Duration clockTolerance) {
}
