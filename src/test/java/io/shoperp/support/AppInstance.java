package io.shoperp.support;

import java.util.ArrayList;
import java.util.List;
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
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "spring.datasource.url=" + jdbcUrl,
                "spring.datasource.username=root",
                "spring.datasource.password=",
                "shopify.shops[0].domain=" + ShopifyWebhookClient.SHOP,
                "shopify.shops[0].webhook-secrets[0]=" + ShopifyWebhookClient.SECRET,
                "bridge.routes-dir=target/no-deployment-routes",
                // Several instances share this JVM: keep their MBeans from colliding.
                "spring.jmx.enabled=false",
                "camel.main.jmx-enabled=false"));
        extraProperties.forEach((key, value) -> properties.add(key + "=" + value));
        // As command-line arguments: they outrank application.yaml and config/application.yaml.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BridgeApplication.class)
                .run(properties.stream().map(property -> "--" + property).toArray(String[]::new));
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
