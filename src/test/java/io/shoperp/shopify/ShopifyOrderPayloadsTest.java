package io.shoperp.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.shoperp.inbox.UnprocessableEventException;
import org.junit.jupiter.api.Test;

class ShopifyOrderPayloadsTest {

    @Test
    void readsIdsBeyondDoublePrecisionMoneyAsExactDecimalsAndTimesWithTheirInstant() throws IOException {
        ShopifyOrder order = ShopifyOrderPayloads.order(fixture("orders/taxes-excluded-discount-code.json"));

        assertThat(order.id()).isEqualTo(9_007_199_254_740_993L);
        assertThat(order.customer().id()).isEqualTo(9_223_372_036_854_775_806L);
        assertThat(order.lineItems().get(0).id()).isEqualTo(9_007_199_254_740_995L);
        assertThat(order.totalPrice()).isEqualTo(new BigDecimal("116.06"));
        assertThat(order.lineItems().get(0).taxLines().get(1).price()).isEqualTo(new BigDecimal("0.82"));
        assertThat(order.createdAt().toInstant()).isEqualTo(Instant.parse("2026-11-29T02:30:00Z"));
        assertThat(order.isGuestCheckout()).isFalse();
        assertThat(order.displayName()).isEqualTo("#1001");
    }

    @Test
    void nullCustomerAndNullListsReadAsGuestAndEmpty() {
        ShopifyOrder order = ShopifyOrderPayloads.order(utf8("""
                {"id": 1, "created_at": "2026-11-29T00:00:00Z", "currency": "EUR", "total_price": "0.00",
                 "customer": null, "line_items": null, "unknown_field": {"x": 1}}"""));

        assertThat(order.isGuestCheckout()).isTrue();
        assertThat(order.lineItems()).isEmpty();
        assertThat(order.shippingLines()).isEmpty();
        assertThat(order.displayName()).isEqualTo("1");
    }

    @Test
    void malformedJsonIsAUnprocessableEvent() {
        assertThatThrownBy(() -> ShopifyOrderPayloads.order(utf8("{\"id\": 1, ")))
                .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("malformed Shopify ShopifyOrder");
    }

    @Test
    void aMissingFieldTheMappingNeedsIsAnUnprocessableEventNamingIt() {
        assertThatThrownBy(() -> ShopifyOrderPayloads.order(utf8("""
                {"id": 1, "created_at": "2026-11-29T00:00:00Z", "currency": "EUR"}""")))
                .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("order.total_price");
        assertThatThrownBy(() -> ShopifyOrderPayloads.order(utf8("""
                {"id": 1, "created_at": "2026-11-29T00:00:00Z", "currency": "EUR", "total_price": "1.00",
                 "line_items": [{"id": 2, "quantity": 1, "price": "1.00", "tax_lines": [{"title": "VAT"}]}]}""")))
                .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("tax_line.price");
    }

    @Test
    void aNonNumericAmountIsAUnprocessableEvent() {
        assertThatThrownBy(() -> ShopifyOrderPayloads.order(utf8("""
                {"id": 1, "created_at": "2026-11-29T00:00:00Z", "currency": "EUR", "total_price": "12,50"}""")))
                .isInstanceOf(UnprocessableEventException.class);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = ShopifyOrderPayloadsTest.class.getResourceAsStream("/shopify/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
