package io.shoperp.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.shoperp.inbox.UnprocessableEventException;
import org.junit.jupiter.api.Test;

class ShopifyCustomerTest {

    static byte[] fixture(String name) {
        try (InputStream in = ShopifyCustomerTest.class.getResourceAsStream("/shopify/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTheFieldsTheMappingUsesAndIgnoresTheRest() {
        ShopifyCustomer customer = ShopifyCustomer.parse(fixture("customers-create.json"));

        assertThat(customer.id()).isEqualTo(706405506930370084L);
        assertThat(customer.email()).isEqualTo("bob.norman@example.com");
        assertThat(customer.firstName()).isEqualTo("Bob");
        assertThat(customer.lastName()).isEqualTo("Norman");
        assertThat(customer.phone()).isEqualTo("+16136120707");
        assertThat(customer.updatedAt()).isEqualTo(Instant.parse("2026-11-28T15:15:30Z"));
        assertThat(customer.defaultAddress()).isEqualTo(new ShopifyAddress(1053317291L, "Chestnut Street 92", "Apt 4",
                "Louisville", "Kentucky", "40202", "United States", "US", "555-625-1199"));
    }

    @Test
    void keepsA64BitIdExactAndUnapprovedFieldsNull() {
        ShopifyCustomer customer = ShopifyCustomer.parse(fixture("customers-update-unapproved-fields.json"));

        assertThat(customer.id()).isEqualTo(9007199254740993L);
        assertThat(customer.email()).isNull();
        assertThat(customer.firstName()).isNull();
        assertThat(customer.defaultAddress()).isNull();
    }

    @Test
    void malformedJsonIsAUnprocessableEvent() {
        assertThatThrownBy(() -> ShopifyCustomer.parse("{\"id\": 1, \"email\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnprocessableEventException.class)
                .hasMessageStartingWith("Shopify customer payload is not a customer object with an id");
    }

    @Test
    void payloadWithoutIdIsAnUnprocessableEventNamingTheId() {
        assertThatThrownBy(() -> ShopifyCustomer.parse("{\"email\": \"a@example.com\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnprocessableEventException.class)
                .hasMessageContaining("'id'");
        assertThatThrownBy(() -> ShopifyCustomer.parse("{\"id\": null}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnprocessableEventException.class);
        assertThatThrownBy(() -> ShopifyCustomer.parse("null".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnprocessableEventException.class);
        assertThatThrownBy(() -> ShopifyCustomer.parse(new byte[0]))
                .isInstanceOf(UnprocessableEventException.class);
    }
}
