package io.shoperp.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Checks X-Shopify-Hmac-Sha256 over the raw request bytes, before anything parses them, against every
 * secret of the named shop (rotation), comparing in constant time.
 */
@Component("webhookSignatures")
public class WebhookSignatures {

    static final String ALGORITHM = "HmacSHA256";

    private final ShopRegistry shops;

    public WebhookSignatures(ShopRegistry shops) {
        this.shops = shops;
    }

    public void verify(@Header(ShopifyHeaders.SHOP_DOMAIN) String shopDomain,
                       @Header(ShopifyHeaders.HMAC) String signature,
                       @Body byte[] body) {
        List<SecretKeySpec> keys = shops.signingKeys(shopDomain).orElseThrow(() -> new WebhookRejectedException(
                IngestOutcome.BAD_SIGNATURE, shopDomain == null || shopDomain.isBlank()
                        ? "missing " + ShopifyHeaders.SHOP_DOMAIN + " header"
                        : "unknown shop: the domain is not listed in shopify.shops"));
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejectedException(IngestOutcome.BAD_SIGNATURE, "missing " + ShopifyHeaders.HMAC + " header");
        }
        for (SecretKeySpec key : keys) {
            if (matches(key, body, signature)) {
                return;
            }
        }
        throw new WebhookRejectedException(IngestOutcome.BAD_SIGNATURE, "signature does not match the body");
    }

    /**
     * Whether {@code signature} is base64(HMAC-SHA256(key, body)), compared in constant time. Shopify and Frappe
     * (X-Frappe-Webhook-Signature) sign their webhooks the same way.
     */
    public static boolean matches(SecretKeySpec key, byte[] body, String signature) {
        return MessageDigest.isEqual(decode(signature.trim()), hmac(key, body));
    }

    /** The signing key of a secret as configured (its UTF-8 bytes). */
    public static SecretKeySpec key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** base64(HMAC-SHA256(key, body)): what Shopify sends, and what tests and tools sign with. */
    public static String sign(byte[] key, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac(new SecretKeySpec(key, ALGORITHM), body));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static byte[] decode(String signature) {
        try {
            return Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            // Not base64: cannot match. An empty array keeps the comparison constant-time for every key.
            return new byte[0];
        }
    }
}
