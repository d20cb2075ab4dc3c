package io.shoperp.stock;

import java.io.IOException;
import java.io.InputStream;

import javax.crypto.spec.SecretKeySpec;

import io.shoperp.ingest.WebhookSignatures;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Verifies ERPNext's webhooks: Stock Ledger Entry (POST /webhooks/erpnext/stock) and Item Price (POST
 * /webhooks/erpnext/price, price.yaml). X-Frappe-Webhook-Signature is base64(HMAC-SHA256({@code erpnext.webhook-secret},
 * body)). A verified call only makes the next push come sooner; its content is not trusted for quantities or prices,
 * which the pushes read from Bin and Item Price.
 */
@Component("erpNextStockWebhook")
@EnableConfigurationProperties(ErpNextStockWebhook.Settings.class)
public class ErpNextStockWebhook {

    public static final String SIGNATURE_HEADER = "X-Frappe-Webhook-Signature";

    /** A Stock Ledger Entry is a few kilobytes; anything far larger is not one. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ErpNextStockWebhook.class);

    /** {@code erpnext.webhook-secret}: the Webhook's secret in ERPNext; unset refuses every call. */
    @ConfigurationProperties("erpnext")
    public static class Settings {
        private String webhookSecret;

        public String getWebhookSecret() {
            return webhookSecret;
        }

        public void setWebhookSecret(String webhookSecret) {
            this.webhookSecret = webhookSecret;
        }
    }

    private final SecretKeySpec key;

    public ErpNextStockWebhook(Settings settings) {
        String secret = settings.getWebhookSecret();
        this.key = secret == null || secret.isBlank() ? null
                : WebhookSignatures.key(secret);
    }

    /** What the endpoint answers: 202 for a verified call, which makes a push come sooner; else why not. */
    public record Check(int status, String message) {

        static final Check ACCEPTED = new Check(202, "push scheduled");
        /** Also when no secret is set: an unauthenticated caller learns nothing of the configuration. */
        static final Check NOT_SIGNED = new Check(401, "signature missing or not valid");

        public boolean accepted() {
            return status == ACCEPTED.status();
        }
    }

    /** Checks the body, read up to {@value #MAX_BODY_BYTES} bytes, against ERPNext's signature. */
    public Check check(@Body InputStream body, @Header(SIGNATURE_HEADER) String signature) throws IOException {
        if (key == null) {
            log.warn("ERPNext webhook refused: erpnext.webhook-secret is not set");
            return Check.NOT_SIGNED;
        }
        byte[] bytes = body == null ? new byte[0] : body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            log.info("ERPNext webhook refused: body over {} bytes", MAX_BODY_BYTES);
            return new Check(413, "body over " + MAX_BODY_BYTES + " bytes: not a Stock Ledger Entry");
        }
        if (signature == null || signature.isBlank()) {
            log.info("ERPNext webhook refused: no {}", SIGNATURE_HEADER);
            return new Check(401, "missing " + SIGNATURE_HEADER);
        }
        if (!WebhookSignatures.matches(key, bytes, signature)) {
            log.info("ERPNext webhook refused: signature does not match the body");
            return Check.NOT_SIGNED;
        }
        return Check.ACCEPTED;
    }

}
