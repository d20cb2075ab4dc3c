package io.shoperp.measured;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shoperp.erpnext.sandbox.ErpDocuments;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;

/**
 * The integration this project replaces, for comparison only (test code): every webhook it receives becomes
 * "create the document" in ERPNext. customers/* creates a Customer; orders/* creates the order's Customer and a
 * Sales Order. No delivery dedupe, no business keys it looks up, no unique custom fields on the ERPNext side.
 * It answers 200 once its writes are done, like most hand-written webhook handlers.
 */
public final class NaiveRoute implements AutoCloseable {

    private final ErpNextSandbox erpnext;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService workers = Executors.newFixedThreadPool(16);
    private final HttpServer server;

    public NaiveRoute(ErpNextSandbox erpnext) throws IOException {
        this.erpnext = erpnext;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(workers);
        server.createContext("/webhooks/shopify", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/shopify";
    }

    private void handle(HttpExchange exchange) throws IOException {
        int status = 200;
        try (InputStream in = exchange.getRequestBody()) {
            String topic = exchange.getRequestHeaders().getFirst("X-Shopify-Topic");
            JsonNode payload = StormPlan.JSON.readTree(in.readAllBytes());
            if (topic.startsWith("customers/")) {
                createCustomer(payload.path("id").asText(), payload.path("first_name").asText() + " "
                        + payload.path("last_name").asText());
            } else if (topic.startsWith("orders/")) {
                JsonNode customer = payload.path("customer");
                String name = createCustomer(customer.path("id").asText(), customer.path("first_name").asText() + " "
                        + customer.path("last_name").asText());
                post("Sales Order", ErpDocuments.salesOrder(payload.path("id").asText(), name,
                        ErpDocuments.RED_SHIRT, 1, payload.path("total_price").asText("10.00")));
            }
        } catch (Exception e) {
            status = 500;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private String createCustomer(String shopifyId, String name) throws Exception {
        return post("Customer", ErpDocuments.customer(shopifyId, name)).path("data").path("name").asText();
    }

    private JsonNode post(String doctype, ObjectNode document) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(erpnext.baseUrl() + "/api/resource/"
                        + doctype.replace(" ", "%20")))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "token " + erpnext.apiKey() + ":" + erpnext.apiSecret())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(document.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(doctype + " " + response.statusCode() + " " + response.body());
        }
        return StormPlan.JSON.readTree(response.body());
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
