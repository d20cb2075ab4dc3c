package io.shoperp.shopify.sandbox;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.shopify.GraphQlIds;

/** The shop's locations as {@code locations(first:, after:, includeInactive:)} pages them; none until seeded. */
final class SandboxLocations {

    record Location(long id, String name, boolean active) {
    }

    private final ObjectMapper json;
    private final Map<Long, Location> locations = new TreeMap<>();

    SandboxLocations(ObjectMapper json) {
        this.json = json;
    }

    synchronized void put(Location location) {
        locations.put(location.id(), location);
    }

    /** Like Shopify, inactive locations only with {@code includeInactive: true}. */
    synchronized ObjectNode page(String query, JsonNode variables) {
        boolean includeInactive = query.replaceAll("\\s", "").contains("includeInactive:true")
                || variables.path("includeInactive").asBoolean(false);
        return SandboxConnections.page(json, new ArrayList<>(locations.values()).stream()
                        .filter(location -> includeInactive || location.active()).toList(), Location::id, variables,
                location -> json.createObjectNode()
                        .put("id", GraphQlIds.gid("Location", location.id()))
                        .put("name", location.name())
                        .put("isActive", location.active()));
    }
}
