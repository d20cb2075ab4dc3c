package io.shoperp.erpnext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ERPNext client and the custom-field setup, shared by the application and {@link CustomFieldSetupCommand}. */
@Configuration(proxyBeanMethods = false)
public class ErpNextConfiguration {

    @Bean
    public ErpNextClient erpNextClient(ErpNextProperties properties) {
        return new ErpNextClient(properties);
    }

    @Bean
    public CustomFieldSetup customFieldSetup(ErpNextClient erpNextClient) {
        return new CustomFieldSetup(erpNextClient);
    }
}
