package io.shoperp.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.security.auth.module.UnixSystem;
import io.shoperp.support.ShopifyWebhookClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The packaged jar run the way deploy/Dockerfile runs it: {@code java -jar} in a working directory holding
 * config/application.yaml, settings from environment variables only, as an unprivileged user (when the build runs as
 * root, the application is started as nobody through setpriv), with machine logs (LOGGING_STRUCTURED_FORMAT_CONSOLE).
 * Runs after package (maven-failsafe-plugin, ./mvnw verify); the jar is {@code -Dbridge.jar}.
 */
class PackagedJarIT {

    private static final int NOBODY = 65534;
    private static final String SETPRIV = "/usr/bin/setpriv";
    private static final String ADMIN_PASSWORD = "packaged-jar-admin";
    /** Stands for customer data in a payload: it must appear in no log line. */
    private static final String PAYLOAD_MARKER = "jane.payload-marker@example.com";
    private static final List<String> AS_NOBODY = List.of(SETPRIV, "--reuid=" + NOBODY, "--regid=" + NOBODY,
            "--clear-groups");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static Path workDir;
    private static Process app;
    private static int port;
    private static boolean startedAsNobody;

    @BeforeAll
    static void start() throws Exception {
        Path jar = Path.of(System.getProperty("bridge.jar", "target/shopify-erpnext-bridge-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("the packaged jar (./mvnw package)").exists();
        // Laid out as in the image (/app/app.jar, /app/config/application.yaml), in the temporary directory: the
        // unprivileged user may not be able to reach the build's own directory. Writable by that user, like the
        // image's /app/data, where the embedded H2 database goes.
        workDir = Files.createTempDirectory("bridge-packaged-jar-");
        Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createDirectories(workDir.resolve("config"));
        Files.copy(Path.of("config/application.yaml"), workDir.resolve("config/application.yaml"));
        Files.copy(jar, workDir.resolve("app.jar"));
        port = freePort();

        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m");
        List<String> command = new ArrayList<>();
        startedAsNobody = new UnixSystem().getUid() == 0 && runsAsNobody(java);
        if (startedAsNobody) {
            command.addAll(AS_NOBODY);
        }
        command.addAll(java);
        command.addAll(List.of("-jar", "app.jar"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.log").toFile())
                .redirectError(workDir.resolve("stderr.log").toFile());
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("SHOPIFY_SHOP_DOMAIN", ShopifyWebhookClient.SHOP);
        builder.environment().put("SHOPIFY_WEBHOOK_SECRETS", ShopifyWebhookClient.SECRET);
        builder.environment().put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        app = builder.start();

        Awaitility.await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(app.isAlive()).as("the application is running, see " + workDir).isTrue();
            return status("/actuator/health/liveness") == 200;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        // The logs stay for a look after a failure; the jar copy and the database go.
        if (workDir != null) {
            Files.deleteIfExists(workDir.resolve("app.jar"));
            FileSystemUtils.deleteRecursively(workDir.resolve("data"));
        }
    }

    /** setpriv is there, and the unprivileged user can run this JVM (a JDK under /root could not). */
    private static boolean runsAsNobody(List<String> java) throws Exception {
        if (!Files.isExecutable(Path.of(SETPRIV))) {
            return false;
        }
        List<String> probe = new ArrayList<>(AS_NOBODY);
        probe.addAll(java);
        probe.add("-version");
        Process version = new ProcessBuilder(probe).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0;
    }

    @Test
    void runsAsAnUnprivilegedUserAndAnswersBothProbes() throws Exception {
        assertThat(status("/actuator/health/liveness")).isEqualTo(200);
        assertThat(status("/actuator/health/readiness")).isEqualTo(200);
        Assumptions.assumeTrue(startedAsNobody || new UnixSystem().getUid() != 0, "the build runs as root and "
                + SETPRIV + " is missing or nobody cannot run this JVM: the application runs as root here");
        String uid = Files.readAllLines(Path.of("/proc", String.valueOf(app.pid()), "status")).stream()
                .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
        assertThat(Integer.parseInt(uid)).isNotZero();
    }

    @Test
    void everyLogLineIsJsonAndTheWebhookAndOutcomeLinesCarryTheIdentifiersButNoPayload() throws Exception {
        ShopifyWebhookClient shopify = new ShopifyWebhookClient(port);
        String webhookId = UUID.randomUUID().toString();
        // A topic without a stage: its event ends IGNORED, an outcome line without any ERPNext involved.
        assertThat(shopify.send(shopify.delivery("carts/create", webhookId,
                "{\"id\":4242,\"email\":\"" + PAYLOAD_MARKER + "\"}")).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> logLines().stream().anyMatch(line -> line.contains("event ignored")));
        List<JsonNode> entries = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : logLines()) {
            assertThat(line).as("log line").doesNotContain(PAYLOAD_MARKER);
            JsonNode entry = json.readTree(line);
            assertThat(entry.has("@timestamp") && entry.path("log").has("level") && entry.has("message"))
                    .as("an ECS JSON object: %s", line).isTrue();
            entries.add(entry);
        }

        JsonNode accepted = only(entries, "webhook accepted", webhookId);
        assertThat(accepted.path("shop").asText()).isEqualTo(ShopifyWebhookClient.SHOP);
        assertThat(accepted.path("topic").asText()).isEqualTo("carts/create");
        assertThat(accepted.path("webhookId").asText()).isEqualTo(webhookId);
        assertThat(accepted.path("eventId").asText()).isEqualTo("event-" + webhookId);
        assertThat(accepted.path("entityKey").asText()).isEqualTo("cart:4242");
        assertThat(accepted.path("inboxId").asText()).isNotBlank();

        JsonNode outcome = only(entries, "event ignored", webhookId);
        assertThat(outcome.path("shop").asText()).isEqualTo(ShopifyWebhookClient.SHOP);
        assertThat(outcome.path("topic").asText()).isEqualTo("carts/create");
        assertThat(outcome.path("webhookId").asText()).isEqualTo(webhookId);
        assertThat(outcome.path("entityKey").asText()).isEqualTo("cart:4242");
        assertThat(outcome.path("eventId").asText()).isEqualTo("event-" + webhookId);
        assertThat(outcome.path("inboxId").asText()).isEqualTo(accepted.path("inboxId").asText());
    }

    @Test
    void theJolokiaPolicyHoldsInThePackagedJar() throws Exception {
        JsonNode diagnostic = jolokia("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=DiagnosticCommand\","
                + "\"operation\":\"vmFlags([Ljava.lang.String;)\",\"arguments\":[null]}");
        JsonNode routes = jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}");

        assertThat(diagnostic.path("status").asInt()).as(diagnostic.toString()).isEqualTo(403);
        assertThat(routes.path("status").asInt()).as(routes.toString()).isEqualTo(200);
        assertThat(routes.path("value").toString()).contains("shopify-webhook-ingest");
    }

    private static JsonNode only(List<JsonNode> entries, String messageStart, String webhookId) {
        List<JsonNode> found = entries.stream().filter(entry -> entry.path("message").asText().startsWith(messageStart)
                && webhookId.equals(entry.path("webhookId").asText())).toList();
        assertThat(found).as("lines starting '%s'", messageStart).hasSize(1);
        return found.get(0);
    }

    /** The console output, which the structured format makes one JSON object a line (JVM warnings go to stderr). */
    private static List<String> logLines() throws IOException {
        return Files.readAllLines(workDir.resolve("stdout.log")).stream().filter(line -> !line.isBlank()).toList();
    }

    private static JsonNode jolokia(String request) throws Exception {
        String credentials = "admin:" + ADMIN_PASSWORD;
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("/actuator/jolokia"))
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    private static int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
