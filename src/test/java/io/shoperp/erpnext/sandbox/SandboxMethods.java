package io.shoperp.erpnext.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The whitelisted methods (GET /api/method/&lt;dotted path&gt;) the bridge's setup check calls, answered as Frappe
 * answers them, {"message": ...}, and the API user's permissions, which a test may take away one by one:
 * <ul>
 *   <li>{@code frappe.auth.get_logged_user} (frappe/auth.py): the session's user;</li>
 *   <li>{@code frappe.client.has_permission(doctype, docname, perm_type)} (frappe/client.py):
 *       {"has_permission": bool}; with an empty docname frappe.permissions.has_permission answers for the doctype
 *       from the user's roles.</li>
 * </ul>
 * Any other method is a 404, as Frappe answers a path that names no whitelisted function.
 */
final class SandboxMethods {

    static final String API_USER = "bridge@shop.example";

    private final ObjectMapper json;
    /** "doctype/perm_type" the API user's roles do not grant; empty: it may do everything. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    SandboxMethods(ObjectMapper json) {
        this.json = json;
    }

    void refuse(String doctype, String permType) {
        refused.add(doctype + "/" + permType);
    }

    void grantAll() {
        refused.clear();
    }

    JsonNode call(String method, Map<String, String> parameters) {
        return switch (method) {
            case "frappe.auth.get_logged_user" -> json.getNodeFactory().textNode(API_USER);
            case "frappe.client.has_permission" -> json.createObjectNode().put("has_permission",
                    !refused.contains(required(parameters, "doctype") + "/" + parameters.getOrDefault("perm_type", "read")));
            default -> throw new FrappeError(404, "PageDoesNotExistError", "Method " + method + " not found");
        };
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
