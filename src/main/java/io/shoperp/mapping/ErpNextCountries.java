package io.shoperp.mapping;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;

/**
 * The ERPNext Country of a Shopify address. Address.country is a link to ERPNext's Country, whose names are not
 * Shopify's ("Korea, Republic of" for "South Korea", "Russian Federation" for "Russia"), so the Country is found
 * by its ISO code (Country.code, lower case). Found names are kept for the life of the process; a code ERPNext
 * does not know falls back to Shopify's name (ERPNext then names the problem if it refuses it).
 */
final class ErpNextCountries {

    private final ErpNextClient client;
    private final Map<String, String> namesByCode = new ConcurrentHashMap<>();

    ErpNextCountries(ErpNextClient client) {
        this.client = client;
    }

    String name(String isoCode, String shopifyName) {
        if (isoCode == null || isoCode.isBlank()) {
            return shopifyName;
        }
        String code = isoCode.trim().toLowerCase(Locale.ROOT);
        String known = namesByCode.get(code);
        if (known != null) {
            return known;
        }
        ArrayNode filters = JsonNodeFactory.instance.arrayNode();
        filters.addArray().add("code").add("=").add(code);
        List<ObjectNode> countries = client.list("Country", List.of("name"), filters, 1);
        if (countries.isEmpty()) {
            return shopifyName;
        }
        String name = countries.get(0).path("name").asText();
        namesByCode.put(code, name);
        return name;
    }
}
