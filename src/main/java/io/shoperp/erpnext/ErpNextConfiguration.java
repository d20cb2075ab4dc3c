package io.shoperp.erpnext;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ERPNext client and the custom-field setup, shared by the application and {@link CustomFieldSetupCommand}. */
@Configuration(proxyBeanMethods = false)
public class ErpNextConfiguration {

    /** Times every call in the application's registry ({@code erpnext_requests_seconds_*} on /actuator/prometheus). */
    @Bean
    public ErpNextClient erpNextClient(ErpNextProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new ErpNextClient(properties, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    public CustomFieldSetup customFieldSetup(ErpNextClient erpNextClient) {
        return new CustomFieldSetup(erpNextClient);
    }
}
