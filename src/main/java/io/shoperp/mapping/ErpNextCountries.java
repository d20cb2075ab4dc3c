package io.shoperp.mapping;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;

/**
 * The ERPNext Country of a Shopify address. Address.country is a link to ERPNext's Country, whose names are not
 * Shopify's ("Korea, Republic of" for "South Korea", "Russian Federation" for "Russia"), so the Country is found
 * by its ISO code (Country.code, lower case). What a lookup found, or that it found nothing, is kept for
 * {@code erpnext.country-cache-ttl}, so a Country added or renamed in ERPNext is seen within that time; a code
 * ERPNext does not know falls back to Shopify's name (ERPNext then names the problem if it refuses it).
 */
final class ErpNextCountries {

    private final ErpNextClient client;
    private final Duration timeToLive;
    private final Clock clock;
    private final Map<String, Lookup> byCode = new ConcurrentHashMap<>();

    ErpNextCountries(ErpNextClient client, Duration timeToLive, Clock clock) {
        this.client = client;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    String name(String isoCode, String shopifyName) {
        if (isoCode == null || isoCode.isBlank()) {
            return shopifyName;
        }
        String code = isoCode.trim().toLowerCase(Locale.ROOT);
        Instant now = Instant.now(clock);
        Lookup lookup = byCode.get(code);
        if (lookup == null || !now.isBefore(lookup.expiresAt())) {
            lookup = new Lookup(find(code), now.plus(timeToLive));
            byCode.put(code, lookup);
        }
        return lookup.name().orElse(shopifyName);
    }

    private Optional<String> find(String code) {
        ArrayNode filters = JsonNodeFactory.instance.arrayNode();
        filters.addArray().add("code").add("=").add(code);
        List<ObjectNode> countries = client.list("Country", List.of("name"), filters, 1);
        return countries.stream().findFirst().map(country -> country.path("name").asText());
    }

    private record Lookup(Optional<String> name, Instant expiresAt) {
    }
}
