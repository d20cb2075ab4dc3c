package io.shoperp.erpnext.sandbox;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The requests the sandbox answered, one entry each, kept only while a test records them (a fault run or a standalone
 * sandbox would otherwise keep every request it ever served): what a test needs to count a client's calls by HTTP
 * method, doctype and what the call did, and the documents it wrote.
 */
public final class SandboxRequestLog {

    /** What a request did, as Frappe's REST API reads it (frappe-rest.md). */
    public enum Operation {
        /** GET /api/resource/{doctype}: the list API. */
        LIST(false),
        /** GET /api/resource/{doctype}/{name}: one document with its child tables. */
        GET(false),
        /** GET /api/method/{method} (a whitelisted read: the client calls no writing method). */
        METHOD(false),
        /** POST /api/resource/{doctype}: a new document (submitted too when it carries docstatus 1). */
        INSERT(true),
        /** PUT of fields other than docstatus. */
        UPDATE(true),
        /** PUT {"docstatus": 1}. */
        SUBMIT(true),
        /** PUT {"docstatus": 2}. */
        CANCEL(true),
        DELETE(true);

        private final boolean write;

        Operation(boolean write) {
            this.write = write;
        }

        public boolean isWrite() {
            return write;
        }
    }

    /**
     * One request: its HTTP method, the doctype (for /api/method the method's dotted name, followed by the doctype it
     * was asked about, if any), what it did, the document
     * it wrote (its name, null for reads and refused writes) and its HTTP status.
     */
    public record Request(String httpMethod, String doctype, Operation operation, String documentName, int status) {

        public boolean succeeded() {
            return status / 100 == 2;
        }
    }

    private final List<Request> requests = new ArrayList<>();
    private boolean recording;

    /** Starts keeping requests, from an empty log. */
    public synchronized void start() {
        requests.clear();
        recording = true;
    }

    /** Stops keeping requests; those kept stay readable. */
    public synchronized void stop() {
        recording = false;
    }

    /** The requests kept so far, oldest first. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized void add(Request request) {
        if (recording) {
            requests.add(request);
        }
    }

    /** What a resource request with this HTTP method, document name and body does. */
    static Operation operationOf(String httpMethod, String name, JsonNode body) {
        return switch (httpMethod) {
            case "GET" -> name == null ? Operation.LIST : Operation.GET;
            case "POST" -> Operation.INSERT;
            case "PUT" -> body.size() == 1 && body.has("docstatus")
                    ? body.get("docstatus").asInt() == 2 ? Operation.CANCEL : Operation.SUBMIT
                    : Operation.UPDATE;
            case "DELETE" -> Operation.DELETE;
            default -> throw new FrappeError(405, "Exception", "Method " + httpMethod + " not allowed");
        };
    }
}
