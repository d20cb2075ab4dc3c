package io.shoperp.shopify;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shoperp.shopify.sandbox.ShopifySandbox;

/**
 * Stands between the application and a {@link ShopifySandbox}: records the {@code query} filter of every GraphQL
 * orders request, and runs a test's action (e.g. "throttle from now on") just before a given later request, which
 * the sandbox alone cannot time within a run.
 */
final class ReconcileAdminApiProxy implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Trigger(boolean graphQl, int atRequest, Runnable action) {
    }

    private final ShopifySandbox sandbox;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final List<String> ordersFilters = new ArrayList<>();
    private final List<Trigger> triggers = new ArrayList<>();
    private final AtomicInteger graphQlRequests = new AtomicInteger();
    private final AtomicInteger restRequests = new AtomicInteger();
    private final HttpServer server;

    ReconcileAdminApiProxy(ShopifySandbox sandbox) {
        this.sandbox = sandbox;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(workers);
        server.createContext("/", this::forward);
        server.start();
    }

    /** What the shop's admin-api-url is set to. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The {@code query} variable of every GraphQL orders request so far, e.g. {@code updated_at:>'...'}. */
    synchronized List<String> ordersFilters() {
        return List.copyOf(ordersFilters);
    }

    /** Runs {@code action} just before forwarding the {@code nth} GraphQL request from now on (1 = the next). */
    synchronized void beforeGraphQl(int nth, Runnable action) {
        triggers.add(new Trigger(true, graphQlRequests.get() + nth, action));
    }

    /** Runs {@code action} just before forwarding the {@code nth} REST order request from now on (1 = the next). */
    synchronized void beforeRestOrder(int nth, Runnable action) {
        triggers.add(new Trigger(false, restRequests.get() + nth, action));
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean graphQl = exchange.getRequestURI().getPath().endsWith("/graphql.json");
            beforeForwarding(graphQl, body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.adminApiUrl()
                            + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of(ShopifyAdminClient.ACCESS_TOKEN_HEADER, "Content-Type", "Accept")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().firstValue("Retry-After").ifPresent(v -> exchange.getResponseHeaders().set("Retry-After", v));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void beforeForwarding(boolean graphQl, byte[] body) throws IOException {
        List<Runnable> due = new ArrayList<>();
        synchronized (this) {
            int count = (graphQl ? graphQlRequests : restRequests).incrementAndGet();
            if (graphQl) {
                String filter = JSON.readTree(body).path("variables").path("query").asText(null);
                if (filter != null) {
                    ordersFilters.add(filter);
                }
            }
            triggers.removeIf(trigger -> {
                boolean fires = trigger.graphQl() == graphQl && trigger.atRequest() == count;
                if (fires) {
                    due.add(trigger.action());
                }
                return fires;
            });
        }
        due.forEach(Runnable::run);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
