package io.shoperp.erpnext;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code erpnext.setup-custom-fields=true}, makes sure the unique key fields exist before the Camel routes
 * start (they start on context refresh, after all singletons): no document is written without its guard.
 * A failure stops the application, since running without the guard could duplicate documents.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "erpnext.setup-custom-fields", havingValue = "true")
public class CustomFieldSetupAtStartup implements SmartInitializingSingleton {

    private final CustomFieldSetup customFieldSetup;

    public CustomFieldSetupAtStartup(CustomFieldSetup customFieldSetup) {
        this.customFieldSetup = customFieldSetup;
    }

    @Override
    public void afterSingletonsInstantiated() {
        customFieldSetup.run();
    }
}
