package io.shoperp.erpnext.sandbox;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Frappe exception as the REST API reports it: HTTP status, exc_type, exception text and _server_messages. */
public class FrappeError extends RuntimeException {

    private final int status;
    private final String excType;
    private final String exceptionDetail;

    public FrappeError(int status, String excType, String message) {
        this(status, excType, message, message);
    }

    /** exceptionDetail is what Frappe prints after "frappe.exceptions.X: " when it differs from the user message. */
    public FrappeError(int status, String excType, String message, String exceptionDetail) {
        super(message);
        this.status = status;
        this.excType = excType;
        this.exceptionDetail = exceptionDetail;
    }

    static FrappeError validation(String message) {
        return new FrappeError(417, "ValidationError", message);
    }

    static FrappeError linkValidation(String doctype, String value) {
        return new FrappeError(417, "LinkValidationError", "Could not find " + doctype + ": " + value);
    }

    static FrappeError notFound(String doctype, String name) {
        return new FrappeError(404, "DoesNotExistError", doctype + " " + name + " not found");
    }

    public int status() {
        return status;
    }

    public String excType() {
        return excType;
    }

    ObjectNode toBody(ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        body.put("exc_type", excType);
        body.put("exception", "frappe.exceptions." + excType + ": " + exceptionDetail);
        body.put("exc", "[\"Traceback (most recent call last):\\n  (sandbox)\\nfrappe.exceptions." + excType + "\"]");
        try {
            String serverMessage = json.writeValueAsString(json.createObjectNode()
                    .put("message", getMessage()).put("title", "Message").put("indicator", "red")
                    .put("raise_exception", 1));
            body.put("_server_messages", json.writeValueAsString(List.of(serverMessage)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return body;
    }
}
