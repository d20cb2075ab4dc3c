package io.shoperp.erpnext;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ERPNext (Frappe) REST client whose create never leaves two documents for one business key: the key lives in a
 * unique custom field, "already exists" answers return the existing document, and a create whose answer was lost
 * is looked up before anything is written again.
 * Plain java.net.http rather than camel-http: typed results and exceptions, unit-testable without Camel, and
 * routes wrap these calls in the {@code erpnext} circuit breaker. Every HTTP call, failed ones included, is timed as
 * {@value #REQUESTS_METER} tagged {@code doctype} (the method's name for /api/method calls other than a lookup by key),
 * {@code method} and
 * {@code status} (the HTTP status, or
 * {@value #NO_STATUS} when no answer came: timeout, connection refused or lost).
 */
public class ErpNextClient {

    /** Timer per HTTP call; Prometheus shows it as {@code erpnext_requests_seconds_*}. */
    public static final String REQUESTS_METER = "erpnext.requests";
    /** The {@code status} tag of a call that got no HTTP answer. */
    public static final String NO_STATUS = "none";

    private static final Logger log = LoggerFactory.getLogger(ErpNextClient.class);
    /** Frappe's whitelisted read of one whole document by name or filters. */
    private static final String GET_METHOD = "frappe.client.get";
    private static final String DOES_NOT_EXIST = "DoesNotExistError";

    private final ErpNextProperties properties;
    private final String baseUrl;
    private final HttpClient http;
    private final MeterRegistry meters;
    private final ObjectMapper json = objectMapper();

    /** A client whose call timings go to a registry of its own (tests, tools): nothing publishes them. */
    public ErpNextClient(ErpNextProperties properties) {
        this(properties, new SimpleMeterRegistry());
    }

    /** A client timing every call in {@code meters} as {@value #REQUESTS_METER}. */
    public ErpNextClient(ErpNextProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        this.baseUrl = properties.url().replaceAll("/+$", "");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .build();
    }

    /** Jackson set up for ERPNext money: decimals are read as BigDecimal and written as plain numbers. */
    public static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
    }

    /**
     * The document whose unique custom field {@code keyField} holds {@code keyValue}, complete with child tables, in one
     * call: frappe.client.get with filters (frappe/client.py get, whose frappe.get_doc(doctype, filters) answers 404
     * DoesNotExistError when no document matches) rather than a list of names and a GET of the match.
     */
    public Optional<ObjectNode> findByKey(String doctype, String keyField, String keyValue) {
        String filters = json.createObjectNode().put(keyField, keyValue).toString();
        String query = "?doctype=" + encode(doctype) + "&filters=" + encode(filters);
        Answer answer = send(doctype, "find " + doctype + " " + keyField + "=" + keyValue,
                request("/api/method/" + GET_METHOD + query).GET());
        if (answer.status() == 404 && DOES_NOT_EXIST.equals(answer.body().path("exc_type").asText())) {
            return Optional.empty();
        }
        return Optional.of((ObjectNode) body(answer).path("message"));
    }

    /** GET list: {@code fields} as Frappe names them, {@code filters} as [[field, operator, value], ...]. */
    public List<ObjectNode> list(String doctype, List<String> fields, ArrayNode filters, int limit) {
        String query = "?fields=" + encode(json.valueToTree(fields).toString())
                + "&filters=" + encode(filters.toString())
                + "&limit_page_length=" + limit;
        JsonNode data = data(send(doctype, "list " + doctype, request(resourcePath(doctype) + query).GET()));
        List<ObjectNode> rows = new ArrayList<>();
        data.forEach(row -> rows.add((ObjectNode) row));
        return rows;
    }

    /**
     * The answer of a whitelisted method, GET /api/method/&lt;method&gt;: its body (the return value is its
     * {@code message}; some methods answer in other keys, such as getdoctype's {@code docs}), and the server's clock as
     * the HTTP {@code Date} header gives it (every Frappe answer carries one; empty when unreadable).
     */
    public record MethodAnswer(JsonNode body, Optional<Instant> serverTime) {

        public JsonNode message() {
            return body.path("message");
        }
    }

    /** GET /api/method/{@code method} with the parameters as query parameters (read-only methods only). */
    public MethodAnswer callMethod(String method, Map<String, String> parameters) {
        String query = parameters.entrySet().stream()
                .map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
                .collect(Collectors.joining("&"));
        Answer answer = send(method, "call " + method,
                request("/api/method/" + method + (query.isEmpty() ? "" : "?" + query)).GET());
        return new MethodAnswer(body(answer), answer.date().flatMap(ErpNextClient::httpDate));
    }

    private static Optional<Instant> httpDate(String header) {
        try {
            return Optional.of(ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    /** The document, or empty when ERPNext answers 404. */
    public Optional<ObjectNode> get(String doctype, String name) {
        String operation = "get " + doctype + " " + name;
        Answer answer = send(doctype, operation, request(resourcePath(doctype, name)).GET());
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of((ObjectNode) data(answer));
    }

    /**
     * Creates the document unless one with the same business key ({@code document[keyField]}, stored in a unique
     * custom field) exists, in which case that one is returned. Safe to call again after any failure.
     */
    public CreateResult create(String doctype, ObjectNode document, String keyField) {
        String keyValue = document.path(keyField).asText("");
        if (keyValue.isBlank()) {
            throw new IllegalArgumentException(doctype + " document has no business key " + keyField);
        }
        String operation = "create " + doctype + " " + keyField + "=" + keyValue;
        try {
            ObjectNode created = (ObjectNode) data(send(doctype, operation, request(resourcePath(doctype)).POST(body(document))));
            log.debug("ERPNext {}: created {}", operation, created.path("name").asText());
            return new CreateResult(created, true);
        } catch (ErpNextPermanentException e) {
            if (e.status() != 409 && e.status() != 417) {
                throw e;
            }
            // Someone (a retry, a racing worker) created it first: theirs is ours. ERPNext's validate runs before the
            // unique index, so a second copy is often refused by a check of its own first ("already exists against
            // Customer's Purchase Order", "already been fully paid", over-delivery): the key decides, not the message.
            // A refusal while no document holds the key stays an error.
            ObjectNode existing = findByKey(doctype, keyField, keyValue).orElseThrow(() -> e);
            log.debug("ERPNext {}: already exists as {}", operation, existing.path("name").asText());
            return new CreateResult(existing, false);
        } catch (ErpNextTransientException e) {
            if (!e.requestMayHaveBeenApplied()) {
                throw e;
            }
            Optional<ObjectNode> committed = findByKey(doctype, keyField, keyValue);
            if (committed.isEmpty()) {
                log.info("ERPNext {}: answer lost and no document found yet; a retry is safe, the unique key rejects a late commit",
                        operation);
                throw e;
            }
            log.info("ERPNext {}: answer lost but the write committed as {}", operation,
                    committed.get().path("name").asText());
            return new CreateResult(committed.get(), false);
        }
    }

    /**
     * Plain POST for documents without a business key (setup records, Item Prices); not retry-safe on its own: only
     * where ERPNext itself refuses a second copy (Item Price: item_price.py check_duplicates) may it be repeated.
     */
    public ObjectNode insert(String doctype, ObjectNode document) {
        String operation = "insert " + doctype;
        ObjectNode created = (ObjectNode) data(send(doctype, operation, request(resourcePath(doctype)).POST(body(document))));
        log.debug("ERPNext {}: created {}", operation, created.path("name").asText());
        return created;
    }

    /** PUT of the given fields; a child-table key replaces that whole table. */
    public ObjectNode update(String doctype, String name, ObjectNode fields) {
        String operation = "update " + doctype + " " + name;
        ObjectNode updated = (ObjectNode) data(send(doctype, operation, request(resourcePath(doctype, name)).PUT(body(fields))));
        log.debug("ERPNext {}: updated", operation);
        return updated;
    }

    public ObjectNode submit(String doctype, String name) {
        return changeDocstatus(doctype, name, 1, "submit");
    }

    public ObjectNode cancel(String doctype, String name) {
        return changeDocstatus(doctype, name, 2, "cancel");
    }

    /** Repeating a submit or cancel whose answer was lost must succeed, so a refusal is checked against the current state. */
    private ObjectNode changeDocstatus(String doctype, String name, int docstatus, String verb) {
        String operation = verb + " " + doctype + " " + name;
        ObjectNode change = json.createObjectNode().put("docstatus", docstatus);
        try {
            ObjectNode result = (ObjectNode) data(send(doctype, operation, request(resourcePath(doctype, name)).PUT(body(change))));
            log.debug("ERPNext {}: done", operation);
            return result;
        } catch (ErpNextPermanentException e) {
            if (e.status() != 417) {
                throw e;
            }
            ObjectNode current = get(doctype, name).orElseThrow(() -> e);
            if (current.path("docstatus").asInt() != docstatus) {
                throw e;
            }
            log.debug("ERPNext {}: already done", operation);
            return current;
        }
    }

    private record Answer(int status, JsonNode body, Optional<String> retryAfter, Optional<String> date,
                          String operation) {
    }

    private JsonNode data(Answer answer) {
        return body(answer).path("data");
    }

    /** The body of a successful answer, or the error it stands for as an exception. */
    private JsonNode body(Answer answer) {
        if (answer.status() / 100 != 2) {
            throw FrappeErrorResponse.toException(answer.operation(), answer.status(), answer.body(),
                    answer.retryAfter(), json);
        }
        return answer.body();
    }

    /** One HTTP call, timed as {@value #REQUESTS_METER} whatever its outcome. */
    private Answer send(String doctype, String operation, HttpRequest.Builder request) {
        HttpRequest built = request.build();
        String status = NO_STATUS;
        Timer.Sample sample = Timer.start(meters);
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            status = Integer.toString(response.statusCode());
            return new Answer(response.statusCode(), parse(response.body()),
                    response.headers().firstValue("Retry-After"), response.headers().firstValue("Date"), operation);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new ErpNextTransientException(operation + ": cannot connect to ERPNext at " + baseUrl + ": " + e,
                    0, null, null, false, e);
        } catch (HttpTimeoutException e) {
            throw new ErpNextTransientException(operation + ": no answer from ERPNext within "
                    + properties.readTimeout(), 0, null, null, true, e);
        } catch (IOException e) {
            throw new ErpNextTransientException(operation + ": connection to ERPNext failed: " + e, 0, null, null,
                    true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErpNextTransientException(operation + ": interrupted", 0, null, null, true, e);
        } finally {
            sample.stop(Timer.builder(REQUESTS_METER)
                    .description("ERPNext REST calls by doctype, method and HTTP status (none: no answer)")
                    .tag("doctype", doctype)
                    .tag("method", built.method())
                    .tag("status", status)
                    .register(meters));
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException notJson) {
            // Proxies answer 502/503 with HTML; the status alone then decides.
            return json.createObjectNode();
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(properties.readTimeout())
                .header("Authorization", "token " + properties.apiKey() + ":" + properties.apiSecret())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json");
    }

    private HttpRequest.BodyPublisher body(ObjectNode document) {
        try {
            return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(document), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("document cannot be serialised", e);
        }
    }

    private static String resourcePath(String doctype) {
        return "/api/resource/" + encode(doctype);
    }

    private static String resourcePath(String doctype, String name) {
        return resourcePath(doctype) + "/" + encode(name);
    }

    /** Percent-encoding for a path segment or query value: space is %20, never '+'. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
