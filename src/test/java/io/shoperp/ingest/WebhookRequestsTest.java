package io.shoperp.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import io.shoperp.topics.TopicTable;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class WebhookRequestsTest {

    private static final int LIMIT = 1024;
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private final WebhookRequests requests = new WebhookRequests(properties(), TopicTable.builtIn(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void readsABodyUpToTheLimit() {
        byte[] body = new byte[LIMIT];

        assertThat(requests.readBody(new EndlessStream(LIMIT), null)).hasSize(LIMIT).isEqualTo(body);
    }

    @Test
    void stopsReadingOneBytePastTheLimitOfAnUndeclaredBody() {
        EndlessStream endless = new EndlessStream(Long.MAX_VALUE);

        assertThatThrownBy(() -> requests.readBody(endless, null))
                .isInstanceOfSatisfying(WebhookRejectedException.class,
                        rejected -> assertThat(rejected.outcome()).isEqualTo(IngestOutcome.TOO_LARGE));
        assertThat(endless.read).isEqualTo(LIMIT + 1);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReadingAnything() {
        EndlessStream endless = new EndlessStream(Long.MAX_VALUE);

        assertThatThrownBy(() -> requests.readBody(endless, String.valueOf(LIMIT + 1)))
                .isInstanceOf(WebhookRejectedException.class);
        assertThat(endless.read).isZero();
    }

    @Test
    void buildsTheDeliveryFromTheHeaders() {
        byte[] payload = "{\"id\":5,\"updated_at\":\"2026-11-29T11:00:00Z\"}".getBytes(StandardCharsets.UTF_8);

        WebhookDelivery delivery = requests.toDelivery("Shop.myshopify.com", " customers/update ", "wh-9", "ev-1",
                "2026-11-29T11:30:00.5Z", "2025-10", payload);

        assertThat(delivery.shopDomain()).isEqualTo("shop.myshopify.com");
        assertThat(delivery.topic()).isEqualTo("customers/update");
        assertThat(delivery.dedupeKey()).isEqualTo("shop.myshopify.com:wh-9");
        assertThat(delivery.entityKey()).isEqualTo("customer:5");
        assertThat(delivery.triggeredAt()).isEqualTo(Instant.parse("2026-11-29T11:30:00.5Z"));
        assertThat(delivery.resourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-29T11:00:00Z"));
        assertThat(delivery.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void keepsAGenuineDeliveryWhoseOptionalTimestampIsUnreadable() {
        WebhookDelivery delivery = requests.toDelivery("s.myshopify.com", "orders/create", "wh", null, "yesterday",
                null, "{\"id\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(delivery.triggeredAt()).isNull();
        assertThat(delivery.eventId()).isNull();
    }

    @Test
    void namesEveryMissingHeader() {
        assertThatThrownBy(() -> requests.toDelivery("s.myshopify.com", " ", null, null, null, null, new byte[0]))
                .isInstanceOfSatisfying(WebhookRejectedException.class, rejected -> {
                    assertThat(rejected.outcome()).isEqualTo(IngestOutcome.BAD_REQUEST);
                    assertThat(rejected.getMessage())
                            .isEqualTo("missing required header(s): X-Shopify-Topic, X-Shopify-Webhook-Id");
                });
    }

    private static ShopifyProperties properties() {
        ShopifyProperties properties = new ShopifyProperties();
        properties.setMaxBodyBytes(DataSize.ofBytes(LIMIT));
        return properties;
    }

    /** Zero bytes up to a length, counting how many were read. */
    private static final class EndlessStream extends InputStream {
        private final long length;
        long read;

        EndlessStream(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            if (read >= length) {
                return -1;
            }
            read++;
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            if (read >= length) {
                return -1;
            }
            int n = (int) Math.min(count, length - read);
            Arrays.fill(buffer, offset, offset + n, (byte) 0);
            read += n;
            return n;
        }
    }
}
