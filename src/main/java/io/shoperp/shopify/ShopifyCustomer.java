package io.shoperp.shopify;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.shoperp.inbox.UnprocessableEventException;

/**
 * The Shopify Customer resource of customers/create and customers/update webhooks, reduced to the fields the
 * ERPNext mapping uses. Fields the app is not approved to read arrive as null and stay null here.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShopifyCustomer(
        @JsonProperty(required = true) long id,
        String email,
        String firstName,
        String lastName,
        String phone,
        ShopifyAddress defaultAddress,
        Instant updatedAt) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /**
     * @throws UnprocessableEventException when the payload is not a JSON customer object with an id: retrying cannot fix it
     */
    public static ShopifyCustomer parse(byte[] payload) {
        try {
            ShopifyCustomer customer = JSON.readValue(payload, ShopifyCustomer.class);
            if (customer == null) {
                throw new UnprocessableEventException("Shopify customer payload is empty (JSON null)");
            }
            return customer;
        } catch (JsonProcessingException e) {
            // The original message leaves out Jackson's source excerpt, which would copy personal data into the reason.
            throw new UnprocessableEventException("Shopify customer payload is not a customer object with an id: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UnprocessableEventException("Shopify customer payload cannot be read: " + e.getMessage(), e);
        }
    }
}
