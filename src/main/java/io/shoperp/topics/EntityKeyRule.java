package io.shoperp.topics;

import java.util.Arrays;
import java.util.List;

/**
 * How the entity key of a topic's events is made (the entity-key column of the topic table): the entity and the
 * payload fields whose values follow it, written {@code order:id}, {@code order:order_id},
 * {@code inventory:inventory_item_id:location_id} or {@code customer:customer.id} (a field one level down). Events
 * with one key apply one at a time and in Shopify's order.
 */
public record EntityKeyRule(String entity, List<String> idFields) {

    public EntityKeyRule {
        if (entity == null || entity.isBlank() || idFields.isEmpty()
                || idFields.stream().anyMatch(field -> field.isBlank() || field.chars().filter(c -> c == '.').count() > 1)) {
            throw new IllegalArgumentException("an entity key rule is <entity>:<field>[:<field>...], fields at most one"
                    + " level down (customer.id), not " + entity + ":" + idFields);
        }
        idFields = List.copyOf(idFields);
    }

    /** {@code order:id} as written in the table and in {@code bridge.topics.*.entity-key}. */
    public static EntityKeyRule parse(String rule) {
        String[] parts = rule == null ? new String[0] : rule.trim().split(":");
        if (parts.length < 2) {
            throw new IllegalArgumentException("entity key rule '" + rule + "' is not <entity>:<field>[:<field>...]");
        }
        return new EntityKeyRule(parts[0], Arrays.asList(parts).subList(1, parts.length));
    }

    @Override
    public String toString() {
        return entity + ":" + String.join(":", idFields);
    }
}
