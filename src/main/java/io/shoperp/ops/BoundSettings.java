package io.shoperp.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesFunction;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;

/**
 * {@code {{bridge:stock.push-interval}}} in a route: the setting as its {@code @ConfigurationProperties} class bound
 * and validated it, so its default lives in that class only, not again as a {@code {{key:default}}} fallback in the
 * route. Durations come out in milliseconds (what Camel's timers, schedulers and redelivery delays take), everything
 * else as text. A setting no properties class has stops the route from starting, naming it.
 */
@Component
public class BoundSettings implements PropertiesFunction {

    private final ApplicationContext application;

    public BoundSettings(ApplicationContext application, CamelContext camelContext) {
        this.application = application;
        // Now, before Spring Boot loads the routes that use it.
        camelContext.getPropertiesComponent().addPropertiesFunction(this);
    }

    @Override
    public String getName() {
        return "bridge";
    }

    @Override
    public String apply(String setting) {
        String key = setting.trim();
        for (Map.Entry<String, Object> candidate : propertiesBeans(key)) {
            String path = camelCase(key.substring(candidate.getKey().length() + 1));
            BeanWrapperImpl bean = new BeanWrapperImpl(candidate.getValue());
            if (bean.isReadableProperty(path)) {
                Object value = bean.getPropertyValue(path);
                return value instanceof Duration duration ? Long.toString(duration.toMillis()) : String.valueOf(value);
            }
        }
        throw new IllegalArgumentException("{{bridge:" + key + "}}: no settings class binds " + key);
    }

    /** The bound properties objects whose prefix the key starts with, longest prefix first. */
    private List<Map.Entry<String, Object>> propertiesBeans(String key) {
        List<Map.Entry<String, Object>> matching = new ArrayList<>();
        application.getBeansWithAnnotation(ConfigurationProperties.class).values().forEach(bean -> {
            ConfigurationProperties annotation = AnnotationUtils.findAnnotation(bean.getClass(),
                    ConfigurationProperties.class);
            String prefix = annotation == null ? "" : annotation.prefix().isEmpty() ? annotation.value()
                    : annotation.prefix();
            if (!prefix.isEmpty() && key.startsWith(prefix + ".")) {
                matching.add(Map.entry(prefix, bean));
            }
        });
        matching.sort((a, b) -> b.getKey().length() - a.getKey().length());
        return matching;
    }

    /** push-interval -> pushInterval; retry.max-delay -> retry.maxDelay. */
    private static String camelCase(String kebab) {
        StringBuilder path = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                path.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return path.toString();
    }
}
