package io.shoperp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Every exchange property a route sets or reads is one of the documented names the Java beans use too. */
class ExchangePropertiesTest {

    private static final Pattern SET = Pattern.compile("setProperty:\\s*\\n\\s*name:\\s*(\\w+)");
    private static final Pattern READ = Pattern.compile("exchangeProperty\\.(\\w+)");

    @Test
    void routesUseOnlyTheNamedExchangeProperties() throws Exception {
        Set<String> named = new HashSet<>();
        for (Field field : ExchangeProperties.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                named.add((String) field.get(null));
            }
        }
        List<String> used = new ArrayList<>();
        for (Resource route : new PathMatchingResourcePatternResolver().getResources("classpath:routes/*.yaml")) {
            String yaml = read(route);
            for (Pattern pattern : List.of(SET, READ)) {
                Matcher matcher = pattern.matcher(yaml);
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }

        assertThat(used).isNotEmpty()
                .allSatisfy(name -> assertThat(named.contains(name) || name.startsWith("Camel"))
                        .as("%s is in ExchangeProperties (or one of Camel's own)", name).isTrue());
        assertThat(named).allSatisfy(name -> assertThat(used).as("%s is used by a route", name).contains(name));
    }

    private static String read(Resource resource) throws IOException {
        try (var in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
