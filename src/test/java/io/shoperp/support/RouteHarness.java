package io.shoperp.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.shoperp.erpnext.ErpNextCircuitBreakerConfiguration;
import io.shoperp.ops.DeploymentRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.spi.PropertiesFunction;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.util.function.ThrowingConsumer;

/**
 * One stage's routes on a bare Camel context, with the beans they call bound by the test (stubs or Mockito mocks):
 * a route test that starts in well under a second, without Spring, a database or an ERPNext. Built-in routes come
 * from classpath:routes; with {@code -Dbridge.routes-dir=config/routes} a deployment's route with the same id
 * replaces the built-in one, so the same tests check an edited route before it is deployed (docs/routes.md).
 * <p>
 * {@code {{bridge:...}}} settings resolve to the values given with {@link #setting}.
 */
public final class RouteHarness implements AutoCloseable {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final List<String> files;

    private final CircuitBreaker erpnextCircuit = CircuitBreaker.ofDefaults(
            ErpNextCircuitBreakerConfiguration.CONFIGURATION_NAME);

    private RouteHarness(List<String> files) {
        this.files = files;
        // Nothing a route test leaves in flight is worth waiting for; seda consumers would hold each stop ~2 s.
        camel.getShutdownStrategy().setTimeUnit(TimeUnit.MILLISECONDS);
        camel.getShutdownStrategy().setTimeout(200);
        camel.getShutdownStrategy().setSuppressLoggingOnTimeout(true);
        // The erpnext circuit breaker as the application configures it, on a breaker of the test's own.
        camel.getRegistry().bind(ErpNextCircuitBreakerConfiguration.CIRCUIT_BREAKER_BEAN, erpnextCircuit);
        camel.getRegistry().bind(ErpNextCircuitBreakerConfiguration.CONFIGURATION_NAME,
                new ErpNextCircuitBreakerConfiguration().erpnextCircuitBreakerConfiguration());
    }

    /** The built-in route files to load, e.g. "processing.yaml"; the inbox error handling is always loaded. */
    public static RouteHarness of(String... routeFiles) {
        List<String> files = new ArrayList<>(List.of("inbox-error-handling.yaml"));
        files.addAll(List.of(routeFiles));
        return new RouteHarness(files);
    }

    public RouteHarness bind(String name, Object bean) {
        camel.getRegistry().bind(name, bean);
        return this;
    }

    /** A value for {@code {{bridge:<key>}}}. */
    public RouteHarness setting(String key, String value) {
        camel.getPropertiesComponent().addInitialProperty("bridge." + key, value);
        return this;
    }

    /** Loads the routes (and the deployment's replacements), applies {@code advice} to a route, and starts. */
    public RouteHarness start(String routeId, ThrowingConsumer<AdviceWithRouteBuilder, Exception> advice) {
        load();
        try {
            AdviceWith.adviceWith(camel, routeId, advice);
        } catch (Exception e) {
            throw new IllegalStateException("cannot advise route " + routeId, e);
        }
        camel.start();
        return this;
    }

    public RouteHarness start() {
        load();
        camel.start();
        return this;
    }

    /** The breaker the erpnext-apply stages go through. */
    public CircuitBreaker erpnextCircuit() {
        return erpnextCircuit;
    }

    public CamelContext camel() {
        return camel;
    }

    public ProducerTemplate producer() {
        return camel.createProducerTemplate();
    }

    public MockEndpoint mock(String uri) {
        return camel.getEndpoint(uri, MockEndpoint.class);
    }

    @Override
    public void close() {
        camel.stop();
    }

    private void load() {
        // {{bridge:key}} as the application resolves it (BoundSettings), from the values the test set.
        camel.getPropertiesComponent().addPropertiesFunction(new PropertiesFunction() {
            @Override
            public String getName() {
                return "bridge";
            }

            @Override
            public String apply(String remainder) {
                return camel.getPropertiesComponent().resolveProperty("bridge." + remainder)
                        .orElseThrow(() -> new IllegalArgumentException("the test sets no bridge." + remainder));
            }
        });
        List<Resource> builtIns = new ArrayList<>();
        files.forEach(file -> builtIns.add(ResourceHelper.resolveResource(camel, "classpath:routes/" + file)));
        try {
            PluginHelper.getRoutesLoader(camel).loadRoutes(builtIns);
            List<Resource> replacements = deploymentRoutes(camel);
            if (!replacements.isEmpty()) {
                // Only the deployment's versions of the routes under test: its other routes need other beans.
                Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
                Set<String> underTest = new HashSet<>();
                model.getRouteDefinitions().forEach(route -> underTest.add(route.getRouteId()));
                model.setRouteFilter(route -> underTest.contains(route.getRouteId()));
                PluginHelper.getRoutesLoader(camel).loadRoutes(replacements);
                model.setRouteFilter(null);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot load routes " + files, e);
        }
    }

    /**
     * -Dbridge.routes-dir: the deployment's route files, to load after the built-ins as the application does (a route
     * with a built-in's id replaces it); none without the property.
     */
    public static List<Resource> deploymentRoutes(CamelContext camel) {
        String directory = System.getProperty("bridge.routes-dir");
        return directory == null ? List.of()
                : DeploymentRoutes.resources(camel, DeploymentRoutes.yamlFiles(Path.of(directory)));
    }
}
