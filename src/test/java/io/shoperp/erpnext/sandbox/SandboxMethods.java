package io.shoperp.erpnext.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The whitelisted methods (GET /api/method/&lt;dotted path&gt;) the bridge calls, answered as Frappe
 * answers them, {"message": ...}, and the API user's permissions, which a test may take away one by one:
 * <ul>
 *   <li>{@code frappe.auth.get_logged_user} (frappe/auth.py): the session's user;</li>
 *   <li>{@code frappe.client.has_permission(doctype, docname, perm_type)} (frappe/client.py):
 *       {"has_permission": bool}; with an empty docname frappe.permissions.has_permission answers for the doctype
 *       from the user's roles;</li>
 *   <li>{@code frappe.client.get(doctype, name, filters)} (frappe/client.py): the whole document, child tables
 *       included, named or the first matching the filters; none matching: 404 DoesNotExistError, as
 *       frappe.get_doc(doctype, filters) raises it;</li>
 *   <li>{@code frappe.desk.form.load.getdoctype(doctype)} (frappe/desk/form/load.py, no permission check): the
 *       doctype's meta in the answer's {@code docs}; of its fields the sandbox knows only the custom ones, from the
 *       Custom Field records (is_custom_field 1, as frappe.get_meta merges them).</li>
 * </ul>
 * Any other method is a 404, as Frappe answers a path that names no whitelisted function.
 */
final class SandboxMethods {

    static final String API_USER = "bridge@shop.example";

    private final ObjectMapper json;
    private final SandboxStore store;
    /** "doctype/perm_type" the API user's roles do not grant; empty: it may do everything. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    SandboxMethods(ObjectMapper json, SandboxStore store) {
        this.json = json;
        this.store = store;
    }

    void refuse(String doctype, String permType) {
        refused.add(doctype + "/" + permType);
    }

    void grantAll() {
        refused.clear();
    }

    /** Frappe refuses a document read its roles do not grant: 403 PermissionError (frappe/model/document.py). */
    void requireRead(String doctype) {
        if (refused.contains(doctype + "/read")) {
            throw new FrappeError(403, "PermissionError", "No permission for " + doctype);
        }
    }

    /** The answer's body: the method's return value as {@code message}, or what it puts in the response itself. */
    ObjectNode call(String method, Map<String, String> parameters) {
        ObjectNode answer = json.createObjectNode();
        switch (method) {
            case "frappe.auth.get_logged_user" -> answer.put("message", API_USER);
            case "frappe.client.has_permission" -> answer.putObject("message").put("has_permission",
                    !refused.contains(required(parameters, "doctype") + "/" + parameters.getOrDefault("perm_type", "read")));
            case "frappe.client.get" -> answer.set("message", document(required(parameters, "doctype"), parameters));
            case "frappe.desk.form.load.getdoctype" -> answer.putArray("docs").add(meta(required(parameters, "doctype")));
            default -> throw new FrappeError(404, "PageDoesNotExistError", "Method " + method + " not found");
        }
        return answer;
    }

    private ObjectNode document(String doctype, Map<String, String> parameters) {
        requireRead(doctype);
        String name = parameters.get("name");
        if (name == null) {
            name = ListQuery.parse(Map.of("filters", parameters.getOrDefault("filters", "{}"), "limit_page_length", "1"),
                            json).apply(store.list(doctype), json).stream().findFirst()
                    .map(match -> match.path("name").asText())
                    .orElseThrow(() -> new FrappeError(404, "DoesNotExistError", doctype + " "
                            + parameters.get("filters") + " not found"));
        }
        return store.get(doctype, name);
    }

    private ObjectNode meta(String doctype) {
        ObjectNode meta = json.createObjectNode().put("doctype", "DocType").put("name", doctype);
        ArrayNode fields = meta.putArray("fields");
        store.list("Custom Field").stream().filter(field -> doctype.equals(field.path("dt").asText()))
                .forEach(field -> fields.addObject().put("fieldname", field.path("fieldname").asText())
                        .put("label", field.path("label").asText()).put("fieldtype", field.path("fieldtype").asText())
                        .put("unique", field.path("unique").asInt()).put("is_custom_field", 1));
        return meta;
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null) {
            // Frappe's call of a whitelisted function without a required argument.
            throw new FrappeError(417, "ValidationError", "Missing argument: " + name);
        }
        return value;
    }
}
