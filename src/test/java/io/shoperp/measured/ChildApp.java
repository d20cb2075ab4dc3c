package io.shoperp.measured;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.shoperp.support.ShopifyWebhookClient;

/**
 * The application as its own OS process (a child JVM on the test classpath), so that it can be killed with
 * SIGKILL ({@link Process#destroyForcibly()}) and restarted on the same port, and so that a load generator in the
 * test JVM is a separate process from it. Output goes to {@code target/measured/<name>-<n>.log}.
 */
public final class ChildApp implements AutoCloseable {

    private static final Pattern INSTANCE_ID = Pattern.compile("inbox leases held as (\\S+),");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Map<String, String> properties;
    private final List<String> jvmOptions;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Process process;
    private int starts;
    /** The output of the latest start. */
    private Path log;

    public ChildApp(String name, String jdbcUrl, Map<String, String> extraProperties, List<String> jvmOptions) {
        this.name = name;
        this.port = freePort();
        this.jvmOptions = jvmOptions;
        Map<String, String> props = new LinkedHashMap<>();
        props.put("server.port", String.valueOf(port));
        props.put("server.address", "127.0.0.1");
        props.put("spring.datasource.url", jdbcUrl);
        props.put("spring.datasource.username", "root");
        // Its ERPNext and Shopify calls at start would take faults the scenarios inject and count in their figures.
        props.put("setup-check.at-start", "false");
        props.put("spring.datasource.password", "");
        props.put("shopify.shops[0].domain", ShopifyWebhookClient.SHOP);
        props.put("shopify.shops[0].webhook-secrets[0]", ShopifyWebhookClient.SECRET);
        props.put("bridge.routes-dir", "target/no-deployment-routes");
        props.put("spring.jmx.enabled", "false");
        props.put("camel.main.jmx-enabled", "false");
        props.put("logging.level.root", "WARN");
        props.put("logging.level.io.shoperp", "WARN");
        // One line at start naming the instance's lease owner, read by inboxInstanceId().
        props.put("logging.level.io.shoperp.inbox.InboxLeases", "INFO");
        props.putAll(extraProperties);
        this.properties = props;
    }

    /** An environment variable of the process (from its next start). */
    public synchronized ChildApp withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public static ChildApp start(String name, String jdbcUrl, Map<String, String> properties) {
        ChildApp app = new ChildApp(name, jdbcUrl, properties, List.of("-Xmx256m", "-XX:+UseSerialGC"));
        app.start();
        return app;
    }

    /**
     * Starts the process and waits until /actuator/health answers UP. A process that exits during start-up
     * (seen once: SIGTERM from outside the test while it started) is started again, at most twice.
     */
    public synchronized ChildApp start() {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce();
            } catch (ExitedDuringStartup e) {
                if (attempt == 3) {
                    throw e;
                }
                System.out.println("  (" + e.getMessage() + "; starting again)");
            }
        }
    }

    /** The child exited before it was UP. */
    static final class ExitedDuringStartup extends IllegalStateException {
        ExitedDuringStartup(String message) {
            super(message);
        }
    }

    private ChildApp startOnce() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        starts++;
        Path dir = Measured.dir();
        log = dir.resolve(name + "-" + starts + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("@" + classpathArgFile(dir));
        command.add("io.shoperp.BridgeApplication");
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitUp(Duration.ofSeconds(120), log);
        return this;
    }

    private void awaitUp(Duration timeout, Path log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ExitedDuringStartup(name + " exited with " + process.exitValue() + " during start-up, see " + log);
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("UP")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " not UP within " + timeout + ", see " + log);
    }

    /** kill -9: no shutdown hook, no graceful stop; leased events stay leased until their lease expires. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Graceful stop (SIGTERM), then SIGKILL after 60 s (the instance's shutdown grace is 30 s). */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The file the latest start writes its output to. */
    public synchronized Path log() {
        return log;
    }

    /** The name this run of the instance leases inbox events under (lease_owner), read from its log. */
    public synchronized String inboxInstanceId() {
        try {
            Matcher held = INSTANCE_ID.matcher(Files.readString(log));
            String id = null;
            while (held.find()) {
                id = held.group(1);
            }
            if (id == null) {
                throw new IllegalStateException(name + " has not logged its inbox instance id yet, see " + log);
            }
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** Peak resident set size (VmHWM) of the process in kB, -1 where /proc is not available. */
    public synchronized long peakRssKb() {
        return procStatus("VmHWM:");
    }

    public synchronized long rssKb() {
        return procStatus("VmRSS:");
    }

    private long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path argFile;

    /** The test JVM's classpath in a java @argfile (no command-line length limit). */
    private static synchronized Path classpathArgFile(Path dir) {
        if (argFile == null) {
            try {
                argFile = dir.resolve("classpath.args");
                String cp = classpath().replace("\\", "\\\\");
                Files.writeString(argFile, "-cp\n\"" + cp + "\"\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return argFile;
    }

    /** java.class.path, or the Class-Path of a manifest-only booter jar (surefire / failsafe). */
    static String classpath() throws IOException {
        String cp = System.getProperty("java.class.path");
        String[] entries = cp.split(java.io.File.pathSeparator);
        if (entries.length == 1 && entries[0].endsWith(".jar") && entries[0].contains("surefire")) {
            try (JarFile jar = new JarFile(entries[0])) {
                Manifest manifest = jar.getManifest();
                List<String> paths = new ArrayList<>();
                for (String url : manifest.getMainAttributes().getValue("Class-Path").split(" ")) {
                    if (!url.isBlank()) {
                        paths.add(Path.of(URI.create(url.startsWith("file:") ? url : "file:" + url)).toString());
                    }
                }
                return String.join(java.io.File.pathSeparator, paths);
            }
        }
        return cp;
    }
}
