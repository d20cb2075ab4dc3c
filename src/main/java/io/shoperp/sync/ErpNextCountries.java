package io.shoperp.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;

/**
 * The ERPNext Country of a Shopify address. Address.country is a link to ERPNext's Country, whose names are not
 * Shopify's ("Korea, Republic of" for "South Korea", "Russian Federation" for "Russia"), so the Country is found
 * by its ISO code (Country.code, lower case), and only when Shopify gives no code by Shopify's name. What a lookup
 * found, or that it found nothing, is kept for {@code erpnext.country-cache-ttl}, so a Country added or renamed in
 * ERPNext is seen within that time. ERPNext's Country list (frappe/geo/country_info.json) lacks some of Shopify's
 * codes (XK Kosovo, AC Ascension, TA Tristan da Cunha): for those there is no Country, and an Address naming one
 * would be refused.
 */
final class ErpNextCountries {

    private final ErpNextClient client;
    private final ExpiringCache<Optional<String>> byCode;
    private final ExpiringCache<Optional<String>> byName;

    ErpNextCountries(ErpNextClient client, Duration timeToLive, int maxEntries, Clock clock) {
        this.client = client;
        this.byCode = new ExpiringCache<>(timeToLive, maxEntries, clock);
        this.byName = new ExpiringCache<>(timeToLive, maxEntries, clock);
    }

    /** The name of ERPNext's Country for the ISO code, else (no code) for Shopify's name; empty when it has none. */
    Optional<String> name(String isoCode, String shopifyName) {
        if (isoCode == null || isoCode.isBlank()) {
            return byName.get(shopifyName.strip(), name -> find("name", name));
        }
        return byCode.get(isoCode.strip().toLowerCase(Locale.ROOT), code -> find("code", code));
    }

    private Optional<String> find(String field, String value) {
        ArrayNode filters = JsonNodeFactory.instance.arrayNode();
        filters.addArray().add(field).add("=").add(value);
        List<ObjectNode> countries = client.list("Country", List.of("name"), filters, 1);
        return countries.stream().findFirst().map(country -> country.path("name").asText());
    }
}
