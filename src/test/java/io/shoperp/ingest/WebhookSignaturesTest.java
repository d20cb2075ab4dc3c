package io.shoperp.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {

    private static final byte[] BODY = "{\"note\":\"Grüße\"}".getBytes(StandardCharsets.UTF_8);

    private final WebhookSignatures signatures = new WebhookSignatures(new ShopRegistry(properties()));

    @Test
    void matchesShopifysEncodingOfAKnownVector() {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), base64.
        assertThat(WebhookSignatures.sign("key".getBytes(StandardCharsets.UTF_8),
                "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
    }

    @Test
    void acceptsEverySecretOfTheShopAndAnyCaseOfItsDomain() {
        signatures.verify("Shop.MyShopify.com", sign("new-secret"), BODY);
        signatures.verify("shop.myshopify.com", sign("old-secret"), BODY);
    }

    @Test
    void refusesWithAReasonSafeToSendBack() {
        assertRejected("shop.myshopify.com", sign("other"), "signature does not match the body");
        assertRejected("shop.myshopify.com", "not base64 at all!", "signature does not match the body");
        assertRejected("shop.myshopify.com", " ", "missing X-Shopify-Hmac-Sha256 header");
        assertRejected("other.myshopify.com", sign("new-secret"), "unknown shop");
        assertRejected(null, sign("new-secret"), "missing X-Shopify-Shop-Domain header");
    }

    private void assertRejected(String shop, String signature, String reason) {
        assertThatThrownBy(() -> signatures.verify(shop, signature, BODY))
                .isInstanceOfSatisfying(WebhookRejectedException.class, rejected -> {
                    assertThat(rejected.outcome()).isEqualTo(IngestOutcome.BAD_SIGNATURE);
                    assertThat(rejected.getMessage()).startsWith(reason);
                });
    }

    private static String sign(String secret) {
        return WebhookSignatures.sign(secret.getBytes(StandardCharsets.UTF_8), BODY);
    }

    private static ShopifyProperties properties() {
        ShopifyProperties.Shop shop = new ShopifyProperties.Shop();
        shop.setDomain("shop.myshopify.com");
        shop.setWebhookSecrets(List.of("old-secret", "new-secret"));
        ShopifyProperties properties = new ShopifyProperties();
        properties.setShops(List.of(shop));
        return properties;
    }
}
