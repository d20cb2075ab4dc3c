package io.shoperp.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.shoperp.BridgeApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One running instance of the application, as a deployment would start it, on its own free port. Several
 * instances in one test share a database the way a scaled-out deployment does.
 */
public final class AppInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private AppInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static AppInstance start(String jdbcUrl, Map<String, String> extraProperties) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", "root");
        properties.put("spring.datasource.password", "");
        properties.put("shopify.shops[0].domain", ShopifyWebhookClient.SHOP);
        properties.put("shopify.shops[0].webhook-secrets[0]", ShopifyWebhookClient.SECRET);
        properties.put("bridge.routes-dir", "target/no-deployment-routes");
        // Several instances share this JVM: keep their MBeans from colliding.
        properties.put("spring.jmx.enabled", "false");
        properties.put("camel.main.jmx-enabled", "false");
        // Its calls at start would take the sandbox faults a test queues; setup-check tests ask for it.
        properties.put("setup-check.at-start", "false");
        // A test's own value replaces the default rather than joining it (a repeated argument is a list).
        properties.putAll(extraProperties);
        // As command-line arguments: they outrank application.yaml and config/application.yaml.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BridgeApplication.class)
                .run(properties.entrySet().stream().map(property -> "--" + property.getKey() + "=" + property.getValue())
                        .toArray(String[]::new));
        return new AppInstance(context);
    }

    public int port() {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
