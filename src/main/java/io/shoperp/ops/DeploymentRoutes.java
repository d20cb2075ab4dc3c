package io.shoperp.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

/**
 * Loads the deployment's own routes from {@code bridge.routes-dir} (default config/routes) when that folder
 * exists, next to the built-in classpath:routes. A deployment route with the id of a built-in route
 * replaces it, so an integration engineer can change a stage without rebuilding the application. Then, before
 * any route starts, all of them are held to the {@link RouteContract}.
 */
@Component
public class DeploymentRoutes implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentRoutes.class);
    private static final String BUILT_IN_PREFIX = "classpath:";

    private final List<Path> files;
    private final RouteContract contract;

    public DeploymentRoutes(CamelContext camelContext, RouteProperties properties, RouteContract contract) {
        this.files = yamlFiles(properties.getRoutesDir());
        this.contract = contract;
        Set<String> overridden = routeIds(files);
        if (!overridden.isEmpty()) {
            // Installed now, before Spring Boot adds the built-in routes, so the replaced ones are never added.
            Model model = camelContext.getCamelContextExtension().getContextPlugin(Model.class);
            Function<RouteDefinition, Boolean> previous = model.getRouteFilter();
            model.setRouteFilter(route -> !(isBuiltIn(route) && overridden.contains(route.getRouteId()))
                    && (previous == null || previous.apply(route)));
            LOG.info("deployment route(s) {}: each replaces the built-in route of its id, if there is one", overridden);
        }
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        if (!files.isEmpty()) {
            load(camelContext);
        }
        contract.check(camelContext);
    }

    private void load(CamelContext camelContext) {
        try {
            PluginHelper.getRoutesLoader(camelContext).loadRoutes(resources(camelContext, files));
        } catch (Exception e) {
            throw new IllegalStateException("cannot load deployment routes from " + files, e);
        }
        LOG.info("loaded deployment routes from {}", files);
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // nothing to do once started
    }

    private static boolean isBuiltIn(RouteDefinition route) {
        return route.getResource() != null && route.getResource().getLocation().startsWith(BUILT_IN_PREFIX);
    }

    /** The route files of a deployment's routes folder, in name order; none when there is no such folder. */
    public static List<Path> yamlFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(path -> path.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /** Route files as Camel loads them. */
    public static List<Resource> resources(CamelContext camelContext, List<Path> files) {
        return files.stream()
                .map(file -> ResourceHelper.resolveResource(camelContext, "file:" + file.toAbsolutePath()))
                .toList();
    }

    /** The route ids YAML DSL files declare: {@code - route: {id: ...}} and {@code - templatedRoute: {routeId: ...}}. */
    private static Set<String> routeIds(List<Path> files) {
        Set<String> ids = new HashSet<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                Object document = new Yaml().load(in);
                if (document instanceof List<?> entries) {
                    for (Object entry : entries) {
                        if (entry instanceof Map<?, ?> map && map.get("route") instanceof Map<?, ?> route
                                && route.get("id") != null) {
                            ids.add(route.get("id").toString());
                        }
                        if (entry instanceof Map<?, ?> map && map.get("templatedRoute") instanceof Map<?, ?> route
                                && route.get("routeId") != null) {
                            ids.add(route.get("routeId").toString());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return ids;
    }
}
