package io.shoperp.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

class PublicUrlPropertiesTest {

    private final PublicUrlProperties properties = new PublicUrlProperties();

    @Test
    void theWebhookAddressIsBelowThePublicUrlWhateverItsTrailingSlash() {
        properties.setPublicUrl(URI.create("https://bridge.example.com/"));
        assertThat(properties.webhookAddress()).hasValue("https://bridge.example.com/webhooks/shopify");

        properties.setPublicUrl(URI.create("https://gateway.example.com:8443/shop-bridge"));
        assertThat(properties.webhookAddress()).hasValue("https://gateway.example.com:8443/shop-bridge/webhooks/shopify");
        assertThat(properties.isPublicUrlSet()).isTrue();
    }

    @Test
    void unsetOrEmptyMeansNoRegistration() {
        assertThat(properties.webhookAddress()).isEmpty();
        properties.setPublicUrl(URI.create(""));
        assertThat(properties.isPublicUrlSet()).isFalse();
    }

    @Test
    void refusesWhatShopifyCannotDeliverTo() {
        for (String url : new String[] {"http://bridge.example.com", "https:///webhooks", "https://b.example.com/?x=1"}) {
            assertThatThrownBy(() -> properties.setPublicUrl(URI.create(url))).as(url)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bridge.public-url");
        }
    }
}
