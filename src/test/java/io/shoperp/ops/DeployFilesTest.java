package io.shoperp.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.shoperp.support.H2AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.core.env.Environment;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files under deploy/ (image, compose file, Kubernetes manifests) parse, and everything they name
 * exists in the application: probe paths answer 200, the container port is the application's port, every
 * environment variable is one the configuration reads, and Kubernetes waits longer than the application's shutdown.
 * The image itself cannot be built here (no container engine); PackagedJarIT runs the jar the way it does.
 */
@H2AppTest
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final String APP_LABEL = "app.kubernetes.io/name";
    /** The port when server.port is not set, which neither application.yaml sets. */
    private static final int DEFAULT_PORT = new TomcatServletWebServerFactory().getPort();
    /** The preStop pause before SIGTERM reaches the application. */
    private static final Pattern SLEEP = Pattern.compile("\\d+");

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theKubernetesDeploymentRunsTwoNonRootReplicasWithProbesOnTheActuatorGroupsAndABudget() throws Exception {
        Map<String, Map<String, Object>> manifests = manifestsByKind();
        Map<String, Object> deployment = manifests.get("Deployment");
        Map<String, Object> spec = map(deployment, "spec");
        Map<String, Object> pod = map(map(spec, "template"), "spec");
        Map<String, Object> container = containers(pod).get(0);

        assertThat(spec.get("replicas")).isEqualTo(2);
        assertThat(map(map(pod, "securityContext")).get("runAsNonRoot")).isEqualTo(true);
        assertThat(map(pod, "securityContext").get("runAsUser")).isEqualTo(imageUser());
        assertThat(path(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
        assertThat(path(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");
        assertThat(path(container, "startupProbe")).isEqualTo("/actuator/health/liveness");

        Map<String, Object> podDisruptionBudget = manifests.get("PodDisruptionBudget");
        assertThat(map(podDisruptionBudget, "spec").get("minAvailable")).isEqualTo(1);
        Object podLabels = map(map(map(spec, "template"), "metadata"), "labels").get(APP_LABEL);
        assertThat(map(map(map(podDisruptionBudget, "spec"), "selector"), "matchLabels").get(APP_LABEL))
                .isEqualTo(podLabels);
        assertThat(map(map(manifests.get("Service"), "spec"), "selector").get(APP_LABEL)).isEqualTo(podLabels);
    }

    @Test
    void kubernetesAndComposeWaitLongerThanTheApplicationsShutdown() throws Exception {
        Map<String, Object> pod = map(map(map(manifestsByKind().get("Deployment"), "spec"), "template"), "spec");
        List<?> preStop = (List<?>) map(map(map(containers(pod).get(0), "lifecycle"), "preStop"), "exec")
                .get("command");
        Matcher pause = SLEEP.matcher(String.join(" ", preStop.stream().map(String::valueOf).toList()));
        assertThat(pause.find()).isTrue();
        Duration shutdown = applicationShutdown().plusSeconds(Long.parseLong(pause.group()));

        assertThat(Duration.ofSeconds(((Number) pod.get("terminationGracePeriodSeconds")).longValue()))
                .isGreaterThan(shutdown);
        for (Map<String, Object> bridge : composeBridges()) {
            assertThat(Duration.parse("PT" + bridge.get("stop_grace_period").toString().toUpperCase()))
                    .isGreaterThan(applicationShutdown());
        }
    }

    @Test
    void everyProbePathTheFilesNameAnswers200() throws Exception {
        Set<String> paths = new TreeSet<>();
        Map<String, Object> pod = map(map(map(manifestsByKind().get("Deployment"), "spec"), "template"), "spec");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            paths.add(path(containers(pod).get(0), probe));
        }
        for (Map<String, Object> bridge : composeBridges()) {
            Matcher path = Pattern.compile("/actuator/[\\w/]+").matcher(map(bridge, "healthcheck").get("test").toString());
            assertThat(path.find()).isTrue();
            paths.add(path.group());
        }

        assertThat(paths).contains("/actuator/health/liveness", "/actuator/health/readiness");
        for (String path : paths) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theImageComposeAndKubernetesUseTheApplicationsPort() throws Exception {
        assertThat(environment.getProperty("server.port")).as("set by the test only").isEqualTo("0");
        assertThat(Files.readString(Path.of("src/main/resources/application.yaml"))).doesNotContain("server:");
        assertThat(Files.readString(Path.of("config/application.yaml"))).doesNotContainPattern("(?m)^server:");
        assertThat(DEFAULT_PORT).isEqualTo(8080);

        assertThat(dockerfile()).containsPattern("(?m)^EXPOSE " + DEFAULT_PORT + "$");
        Map<String, Object> pod = map(map(map(manifestsByKind().get("Deployment"), "spec"), "template"), "spec");
        Map<?, ?> containerPort = (Map<?, ?>) ((List<?>) containers(pod).get(0).get("ports")).get(0);
        assertThat(containerPort.get("containerPort")).isEqualTo(DEFAULT_PORT);
        for (Map<String, Object> bridge : composeBridges()) {
            assertThat((List<?>) bridge.get("ports")).singleElement().asString().endsWith(":" + DEFAULT_PORT);
            assertThat(map(bridge, "healthcheck").get("test").toString()).contains("/127.0.0.1/" + DEFAULT_PORT);
        }
    }

    @Test
    void everyEnvironmentVariableTheFilesSetIsOneTheConfigurationReads() throws Exception {
        Set<String> read = variablesTheConfigurationReads();
        Set<String> set = new TreeSet<>();
        for (Map<String, Object> bridge : composeBridges()) {
            set.addAll(map(bridge, "environment").keySet());
        }
        Map<String, Map<String, Object>> manifests = manifestsByKind();
        set.addAll(map(manifests.get("ConfigMap"), "data").keySet());
        Map<String, Object> pod = map(map(map(manifests.get("Deployment"), "spec"), "template"), "spec");
        for (Object variable : (List<?>) containers(pod).get(0).get("env")) {
            Map<?, ?> env = (Map<?, ?>) variable;
            set.add(env.get("name").toString());
            // The Secret is created from the environment under the same names (README, Deploy).
            Map<?, ?> secretKey = (Map<?, ?>) ((Map<?, ?>) env.get("valueFrom")).get("secretKeyRef");
            assertThat(secretKey.get("key")).isEqualTo(env.get("name"));
        }

        assertThat(set).contains("SPRING_DATASOURCE_URL", "SHOPIFY_WEBHOOK_SECRETS", "ADMIN_PASSWORD");
        assertThat(read).containsAll(set);
    }

    @Test
    void theImageRunsTheSpringBootJarFromTheOfficialJreAsAnUnprivilegedUser() throws Exception {
        String dockerfile = dockerfile();

        assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:17-jre$");
        assertThat(imageUser()).isNotZero();
        assertThat(dockerfile).contains("COPY config/application.yaml config/application.yaml")
                .contains("COPY target/shopify-erpnext-bridge-*.jar app.jar")
                .containsPattern("(?m)^WORKDIR /app$")
                .containsPattern("(?m)^ENTRYPOINT \\[\"java\", .*\"-jar\", \"/app/app.jar\"\\]$");
        assertThat(Path.of("config/application.yaml")).exists();
    }

    /** The numeric uid of the image's USER line. */
    private static int imageUser() throws IOException {
        Matcher user = Pattern.compile("(?m)^USER (\\d+)(:\\d+)?$").matcher(dockerfile());
        assertThat(user.find()).as("USER with a numeric uid").isTrue();
        return Integer.parseInt(user.group(1));
    }

    private Duration applicationShutdown() {
        Duration grace = environment.getProperty("processing.shutdown-grace", Duration.class, Duration.ofSeconds(30));
        Duration phase = environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase", Duration.class,
                Duration.ofSeconds(30));
        return grace.compareTo(phase) > 0 ? grace : phase;
    }

    /** Variables config/application.yaml reads (${NAME...}) or documents as the way to set a key (NAME=...). */
    private static Set<String> variablesTheConfigurationReads() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher variable = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)[:}]|#\\s+([A-Z][A-Z0-9_]+)=")
                .matcher(Files.readString(Path.of("config/application.yaml")));
        while (variable.find()) {
            names.add(variable.group(1) != null ? variable.group(1) : variable.group(2));
        }
        return names;
    }

    private static List<Map<String, Object>> composeBridges() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("compose.yaml")));
        Map<String, Object> services = map(compose, "services");
        assertThat(map(services, "mariadb").get("image").toString()).startsWith("mariadb:");
        List<Map<String, Object>> bridges = new ArrayList<>();
        for (String name : services.keySet()) {
            if (name.startsWith("bridge")) {
                Map<String, Object> bridge = map(services, name);
                assertThat(map(map(bridge, "depends_on"), "mariadb").get("condition")).isEqualTo("service_healthy");
                bridges.add(bridge);
            }
        }
        assertThat(bridges).as("bridge instances").hasSize(2);
        return bridges;
    }

    private static Map<String, Map<String, Object>> manifestsByKind() throws IOException {
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    Map<String, Object> manifest = map(document);
                    assertThat(manifest).as(file.toString()).containsKeys("apiVersion", "kind", "metadata");
                    assertThat(byKind.put(manifest.get("kind").toString(), manifest)).as("one per kind").isNull();
                }
            }
        }
        assertThat(byKind).containsKeys("Deployment", "Service", "PodDisruptionBudget", "ConfigMap");
        return byKind;
    }

    private static List<Map<String, Object>> containers(Map<String, Object> pod) {
        List<?> containers = (List<?>) pod.get("containers");
        assertThat(containers).hasSize(1);
        return containers.stream().map(DeployFilesTest::map).toList();
    }

    private static String path(Map<String, Object> container, String probe) {
        Map<String, Object> httpGet = map(map(container, probe), "httpGet");
        assertThat(httpGet.get("port")).isEqualTo("http");
        return httpGet.get("path").toString();
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return map(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    private static String dockerfile() throws IOException {
        return Files.readString(DEPLOY.resolve("Dockerfile"));
    }
}
