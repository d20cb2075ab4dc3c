package io.shoperp.erpnext.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shoperp.support.LoopbackHttp;
import io.shoperp.erpnext.ErpNextClient;

/**
 * An ERPNext that behaves like Frappe's REST API where retries make a difference (see frappe-rest.md): real HTTP on
 * 127.0.0.1, token auth, Frappe status codes and error bodies, naming, docstatus lifecycle, unique custom fields,
 * the validations the integration can trip, stock moved by submitted documents, and faults on demand.
 * State lives in memory and is inspectable; the control API under /__sandbox drives faults when run standalone.
 */
public class ErpNextSandbox implements AutoCloseable {

    public static final String DEFAULT_API_KEY = "sandbox-key";
    public static final String DEFAULT_API_SECRET = "sandbox-secret";
    public static final String DEFAULT_SEED_RESOURCE = "/erpnext-sandbox/seed.json";

    static {
        // The JDK server writes headers and body separately; with Nagle on, each answer waits ~40 ms for an ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final String RESOURCE_PREFIX = "/api/resource/";
    private static final String METHOD_PREFIX = "/api/method/";
    private static final String CONTROL_PREFIX = "/__sandbox/";

    private final ObjectMapper json = ErpNextClient.objectMapper()
            .configure(JsonNodeFeature.WRITE_NULL_PROPERTIES, false);
    private final SandboxStore store = new SandboxStore(json);
    private final SandboxFaults faults = new SandboxFaults();
    private final SandboxMethods methods = new SandboxMethods(json, store);
    private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private final SandboxRequestLog requestLog = new SandboxRequestLog();
    private final AtomicLong arrivals = new AtomicLong();
    private final ConcurrentLinkedQueue<LoggedRequest> arrivalLog = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<DroppedAnswer> droppedAnswers = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> refusedDuplicateCreates = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "erpnext-sandbox");
        thread.setDaemon(true);
        return thread;
    });
    private final String apiKey;
    private final String apiSecret;
    private volatile int port;
    private HttpServer server;

    /** A sandbox on a free port with the default credentials and no data. */
    public ErpNextSandbox() {
        this(0, DEFAULT_API_KEY, DEFAULT_API_SECRET);
    }

    public ErpNextSandbox(int port, String apiKey, String apiSecret) {
        this.port = port;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        useSettings(SandboxSettings.Preset.DOCTYPE_DEFAULTS);
    }

    /** Sets every modelled Selling, Stock, Accounts and System setting as {@code preset} has it. */
    public ErpNextSandbox useSettings(SandboxSettings.Preset preset) {
        SandboxSettings.of(preset).forEach((doctype, values) -> store.seed(doctype, values.put("name", doctype)));
        return this;
    }

    /** The server's wall clock, which dates what ERPNext dates itself (posting time not sent, set_posting_time 0). */
    public ErpNextSandbox clock(Clock serverClock) {
        store.clock(serverClock);
        return this;
    }

    /** One setting of a Single doctype, e.g. ("Selling Settings", "allow_multiple_items", 1). */
    public ErpNextSandbox setting(String settingsDoctype, String field, Object value) {
        synchronized (store) {
            ObjectNode settings = store.stored(settingsDoctype, settingsDoctype);
            settings.set(field, json.valueToTree(value));
        }
        return this;
    }

    /** A started sandbox on a free port seeded with the masters, items and stock of the default seed file. */
    public static ErpNextSandbox startSeeded() {
        ErpNextSandbox sandbox = new ErpNextSandbox();
        try (InputStream seed = ErpNextSandbox.class.getResourceAsStream(DEFAULT_SEED_RESOURCE)) {
            sandbox.seed(sandbox.json.readTree(seed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sandbox.start();
    }

    /**
     * Loads {"documents": {doctype: [document, ...]}, "stock": [{item_code, warehouse, qty}]}. Documents are stored
     * as given (no validation), keeping their name.
     */
    public ErpNextSandbox seed(JsonNode seed) {
        seed.path("documents").fields().forEachRemaining(doctype ->
                doctype.getValue().forEach(doc -> store.seed(doctype.getKey(), (ObjectNode) doc)));
        seed.path("stock").forEach(bin -> {
            setActualQty(bin.path("item_code").asText(), bin.path("warehouse").asText(), bin.path("qty").decimalValue());
            if (bin.hasNonNull("valuation_rate")) {
                setValuationRate(bin.path("item_code").asText(), bin.path("warehouse").asText(),
                        bin.path("valuation_rate").decimalValue());
            }
        });
        return this;
    }

    public ErpNextSandbox seed(Path seedFile) throws IOException {
        return seed(json.readTree(Files.readAllBytes(seedFile)));
    }

    public synchronized ErpNextSandbox start() {
        server = LoopbackHttp.listen(port, workers, this::handle);
        port = server.getAddress().getPort();
        return this;
    }

    /** Stops listening; connections are refused until {@link #acceptConnections()}. Documents are kept. */
    public synchronized void refuseConnections() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port after {@link #refuseConnections()}. */
    public synchronized void acceptConnections() {
        if (server == null) {
            start();
        }
    }

    public synchronized void stop() {
        refuseConnections();
        workers.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String apiKey() {
        return apiKey;
    }

    public String apiSecret() {
        return apiSecret;
    }

    public SandboxFaults faults() {
        return faults;
    }

    /**
     * The API user's roles no longer grant {@code permType} (read, write, create, submit, cancel) on the doctype, as
     * frappe.client.has_permission answers; a refused read also makes GET /api/resource of the doctype 403. Writes are
     * not checked against it: documents are written regardless.
     */
    public ErpNextSandbox refusePermission(String doctype, String permType) {
        methods.refuse(doctype, permType);
        return this;
    }

    /** Undoes every {@link #refusePermission}. */
    public ErpNextSandbox grantAllPermissions() {
        methods.grantAll();
        return this;
    }

    /** Deletes a document as given, without Frappe's checks: a test's way to make a master disappear. */
    public void removeDocument(String doctype, String name) {
        store.remove(doctype, name);
    }

    // ---- inspection for tests ----

    public List<ObjectNode> documents(String doctype) {
        return store.list(doctype);
    }

    public Optional<ObjectNode> document(String doctype, String name) {
        return store.find(doctype, name);
    }

    /** How many documents of the doctype have {@code field} equal to {@code value} (as text). */
    public long count(String doctype, String field, String value) {
        return documents(doctype).stream().filter(doc -> value.equals(doc.path(field).asText())).count();
    }

    /** Stores a document as given (no validation), like a seed entry: fixtures such as a pre-existing field. */
    public ObjectNode seedDocument(String doctype, ObjectNode document) {
        return store.seed(doctype, document);
    }

    public BigDecimal actualQty(String itemCode, String warehouse) {
        synchronized (store) {
            return store.stock().bin(itemCode, warehouse).actualQty();
        }
    }

    public void setActualQty(String itemCode, String warehouse, BigDecimal qty) {
        synchronized (store) {
            store.stock().setActual(itemCode, warehouse, qty);
        }
    }

    /** The item's valuation in the warehouse, as its earlier stock transactions would have left it. */
    public void setValuationRate(String itemCode, String warehouse, BigDecimal rate) {
        synchronized (store) {
            store.stock().setValuationRate(itemCode, warehouse, rate);
        }
    }

    /** Reserved quantity as ERPNext shows it: what submitted Sales Orders still have to deliver plus {@link #setReservedQty}. */
    public BigDecimal reservedQty(String itemCode, String warehouse) {
        return store.bins().getOrDefault(new StockBins.BinKey(itemCode, warehouse), StockBins.Bin.EMPTY).reservedQty();
    }

    /** Reserved quantity on top of what submitted Sales Orders reserve (stock ERPNext holds for other reasons). */
    public void setReservedQty(String itemCode, String warehouse, BigDecimal qty) {
        synchronized (store) {
            store.stock().setReserved(itemCode, warehouse, qty);
        }
    }

    /**
     * Requests received for /api/resource/{doctype} (or /api/method/{method}: give the method's name), by HTTP method,
     * including those answered with a fault.
     */
    public int requestCount(String method, String doctype) {
        AtomicInteger count = requestCounts.get(method + " " + doctype);
        return count == null ? 0 : count.get();
    }

    /** Every request answered while recording ({@link SandboxRequestLog#start()}), by operation and document. */
    public SandboxRequestLog requestLog() {
        return requestLog;
    }

    /**
     * A /api/resource request as received, numbered in arrival order: its method, doctype, and the document name or
     * the decoded query (filters included) it named.
     */
    public record LoggedRequest(long arrival, String method, String doctype, String target) {
    }

    /**
     * A write that was committed but never answered ({@link SandboxFaults#commitThenDropResponse}), numbered like the
     * requests at the moment the answer was withheld: the document's name and its unique custom field values.
     */
    public record DroppedAnswer(long arrival, String doctype, String name, List<String> uniqueValues) {
    }

    /** Every /api/resource request received, faults included, in arrival order. */
    public List<LoggedRequest> requests() {
        return List.copyOf(arrivalLog);
    }

    /** The committed writes whose answer was withheld, in the order they were committed. */
    public List<DroppedAnswer> droppedAnswers() {
        return List.copyOf(droppedAnswers);
    }

    /**
     * Inserts ERPNext refused because it already held the document's name or one of its unique custom field values,
     * by doctype: the duplicate creates a client attempted and the database stopped.
     */
    public Map<String, Integer> refusedDuplicateCreates() {
        Map<String, Integer> counts = new HashMap<>();
        refusedDuplicateCreates.forEach((doctype, count) -> counts.put(doctype, count.get()));
        return counts;
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith(CONTROL_PREFIX)) {
                respond(exchange, 200, control(exchange, path.substring(CONTROL_PREFIX.length())));
            } else if (path.startsWith(METHOD_PREFIX)) {
                authenticate(exchange, path);
                String method = URLDecoder.decode(path.substring(METHOD_PREFIX.length()), StandardCharsets.UTF_8);
                JsonNode answer = calledMethod(exchange, method);
                if (answer != null) {
                    respond(exchange, 200, answer);
                }
            } else if (path.startsWith(RESOURCE_PREFIX)) {
                handleResource(exchange, path.substring(RESOURCE_PREFIX.length()));
            } else {
                throw new FrappeError(404, "PageDoesNotExistError", "Page " + path + " not found");
            }
        } catch (FrappeError e) {
            respond(exchange, e.status(), e.toBody(json));
        } catch (RuntimeException e) {
            respond(exchange, 500, new FrappeError(500, "Exception", String.valueOf(e)).toBody(json));
        } finally {
            exchange.close();
        }
    }

    private void handleResource(HttpExchange exchange, String resourcePath) throws IOException {
        String[] segments = resourcePath.split("/", -1);
        String doctype = URLDecoder.decode(segments[0].replace("+", "%2B"), StandardCharsets.UTF_8);
        String name = segments.length > 1 ? URLDecoder.decode(segments[1].replace("+", "%2B"), StandardCharsets.UTF_8) : null;
        String method = exchange.getRequestMethod();
        requestCounts.computeIfAbsent(method + " " + doctype, k -> new AtomicInteger()).incrementAndGet();
        String query = exchange.getRequestURI().getRawQuery();
        arrivalLog.add(new LoggedRequest(arrivals.incrementAndGet(), method, doctype, name != null ? name
                : query == null ? "" : URLDecoder.decode(query, StandardCharsets.UTF_8)));
        ObjectNode body = "POST".equals(method) || "PUT".equals(method) ? requestObject(exchange) : null;
        SandboxRequestLog.Operation operation = SandboxRequestLog.operationOf(method, name, body);
        pause(faults.latency());
        Optional<SandboxFaults.InjectedFailure> failure = faults.takeFailure();
        if (failure.isPresent()) {
            requestLog.add(new SandboxRequestLog.Request(method, doctype, operation, null, failure.get().status()));
            respondInjected(exchange, failure.get());
            return;
        }
        JsonNode data;
        try {
            data = resource(exchange, doctype, name, method, body);
        } catch (FrappeError e) {
            requestLog.add(new SandboxRequestLog.Request(method, doctype, operation, null, e.status()));
            throw e;
        }
        int status = "DELETE".equals(method) ? 202 : 200;
        requestLog.add(new SandboxRequestLog.Request(method, doctype, operation,
                operation.isWrite() ? data.path("name").asText(name) : null, status));
        if (!"GET".equals(method)) {
            Optional<Duration> drop = faults.takeDrop();
            if (drop.isPresent()) {
                // The write is committed; the client never hears about it.
                droppedAnswers.add(new DroppedAnswer(arrivals.incrementAndGet(), doctype, data.path("name").asText(),
                        data.isObject() ? store.uniqueValuesOf(doctype, (ObjectNode) data) : List.of()));
                pause(drop.get());
                return;
            }
        }
        respond(exchange, status, json.createObjectNode().set("data", data));
    }

    private JsonNode resource(HttpExchange exchange, String doctype, String name, String method, ObjectNode body) {
        authenticate(exchange, doctype);
        if ("GET".equals(method)) {
            methods.requireRead(doctype);
        }
        return switch (method) {
            case "GET" -> name == null
                    ? json.valueToTree(ListQuery.parse(queryParameters(exchange), json).apply(store.list(doctype), json))
                    : store.get(doctype, name);
            case "POST" -> insert(doctype, body);
            case "PUT" -> store.update(doctype, requireName(name), body);
            case "DELETE" -> {
                store.delete(doctype, requireName(name));
                yield json.getNodeFactory().textNode("ok");
            }
            default -> throw new FrappeError(405, "Exception", "Method " + method + " not allowed");
        };
    }

    /** A whitelisted method: counted, slowed and failed like a resource request, since it reaches the same server. */
    private JsonNode calledMethod(HttpExchange exchange, String method) throws IOException {
        String httpMethod = exchange.getRequestMethod();
        requestCounts.computeIfAbsent(httpMethod + " " + method, k -> new AtomicInteger()).incrementAndGet();
        Map<String, String> parameters = queryParameters(exchange);
        // A method reading a doctype's documents is logged under that doctype, e.g. "frappe.client.get Sales Order".
        String logged = parameters.containsKey("doctype") ? method + " " + parameters.get("doctype") : method;
        pause(faults.latency());
        Optional<SandboxFaults.InjectedFailure> failure = faults.takeFailure();
        if (failure.isPresent()) {
            requestLog.add(new SandboxRequestLog.Request(httpMethod, logged, SandboxRequestLog.Operation.METHOD, null,
                    failure.get().status()));
            respondInjected(exchange, failure.get());
            return null;
        }
        try {
            JsonNode answer = methods.call(method, parameters);
            requestLog.add(new SandboxRequestLog.Request(httpMethod, logged, SandboxRequestLog.Operation.METHOD, null, 200));
            return answer;
        } catch (FrappeError e) {
            requestLog.add(new SandboxRequestLog.Request(httpMethod, logged, SandboxRequestLog.Operation.METHOD, null,
                    e.status()));
            throw e;
        }
    }

    private ObjectNode insert(String doctype, ObjectNode document) {
        try {
            return store.insert(doctype, document);
        } catch (FrappeError refused) {
            if ("DuplicateEntryError".equals(refused.excType()) || store.holdsUniqueValueOf(doctype, document)) {
                refusedDuplicateCreates.computeIfAbsent(doctype, d -> new AtomicInteger()).incrementAndGet();
            }
            throw refused;
        }
    }

    private void authenticate(HttpExchange exchange, String doctype) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null) {
            // Frappe runs the request as Guest, which may not touch documents.
            throw new FrappeError(403, "PermissionError", "Insufficient Permission for " + doctype);
        }
        String credentials = authorization.startsWith("token ") ? authorization.substring(6)
                : authorization.startsWith("Basic ")
                        ? new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8)
                        : "";
        if (!credentials.equals(apiKey + ":" + apiSecret)) {
            throw new FrappeError(401, "AuthenticationError", "Invalid API key or secret", "");
        }
    }

    private void respondInjected(HttpExchange exchange, SandboxFaults.InjectedFailure failure) throws IOException {
        String excType = switch (failure.status()) {
            case 429 -> "TooManyRequestsError";
            case 503 -> "SessionStopped";
            case 500 -> "QueryDeadlockError";
            default -> "Exception";
        };
        if (failure.retryAfterSeconds() != null) {
            exchange.getResponseHeaders().add("Retry-After", failure.retryAfterSeconds().toString());
        }
        respond(exchange, failure.status(), new FrappeError(failure.status(), excType,
                "Injected by the sandbox: HTTP " + failure.status()).toBody(json));
    }

    /** The control API for standalone use; tests call the Java methods instead. */
    private JsonNode control(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        if (path.equals("faults") && method.equals("POST")) {
            applyFaults(requestObject(exchange));
            return json.createObjectNode().put("faults", "set");
        }
        if (path.equals("faults") && method.equals("DELETE")) {
            faults.clear();
            return json.createObjectNode().put("faults", "cleared");
        }
        if (path.startsWith("documents/") && method.equals("GET")) {
            String doctype = URLDecoder.decode(path.substring("documents/".length()), StandardCharsets.UTF_8);
            return json.createObjectNode().set("data", json.valueToTree(documents(doctype)));
        }
        if (path.equals("stock") && method.equals("PUT")) {
            ObjectNode bin = requestObject(exchange);
            setActualQty(bin.path("item_code").asText(), bin.path("warehouse").asText(), bin.path("qty").decimalValue());
            return bin;
        }
        if (path.equals("stock") && method.equals("GET")) {
            List<ObjectNode> bins = new ArrayList<>();
            synchronized (store) {
                store.bins().forEach((key, bin) -> bins.add(json.createObjectNode()
                        .put("item_code", key.itemCode()).put("warehouse", key.warehouse())
                        .put("actual_qty", bin.actualQty()).put("reserved_qty", bin.reservedQty())
                        .put("available_qty", bin.availableQty())));
            }
            return json.createObjectNode().set("data", json.valueToTree(bins));
        }
        if (path.equals("requests") && method.equals("GET")) {
            ObjectNode counts = json.createObjectNode();
            requestCounts.forEach((key, count) -> counts.put(key, count.get()));
            return counts;
        }
        throw new FrappeError(404, "DoesNotExistError", "No sandbox control " + method + " /__sandbox/" + path);
    }

    private void applyFaults(ObjectNode request) {
        if (request.has("latencyMs")) {
            faults.latency(Duration.ofMillis(request.get("latencyMs").asLong()));
        }
        JsonNode failNext = request.path("failNext");
        if (failNext.isObject()) {
            faults.failNext(failNext.path("count").asInt(1), failNext.path("status").asInt(503),
                    failNext.hasNonNull("retryAfterSeconds") ? failNext.get("retryAfterSeconds").asInt() : null);
        }
        JsonNode drop = request.path("commitThenDropResponse");
        if (drop.isObject()) {
            faults.commitThenDropResponse(drop.path("count").asInt(1), Duration.ofMillis(drop.path("holdMs").asLong(0)));
        }
        if (request.has("refuseConnectionsMs")) {
            Duration refusal = Duration.ofMillis(request.get("refuseConnectionsMs").asLong());
            // After this answer has gone out: the listener cannot be stopped from inside its own request.
            workers.execute(() -> {
                pause(Duration.ofMillis(100));
                refuseConnections();
                pause(refusal);
                acceptConnections();
            });
        }
    }

    private ObjectNode requestObject(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        JsonNode parsed;
        try {
            parsed = body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw FrappeError.validation("Request body is not JSON: " + e.getOriginalMessage());
        }
        if (!parsed.isObject()) {
            throw FrappeError.validation("Request body must be a JSON object");
        }
        return (ObjectNode) parsed;
    }

    private static String requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new FrappeError(405, "Exception", "A document name is required");
        }
        return name;
    }

    private static Map<String, String> queryParameters(HttpExchange exchange) {
        Map<String, String> parameters = new HashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }

    private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
