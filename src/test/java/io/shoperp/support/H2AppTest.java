package io.shoperp.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a real port with an in-memory H2 database (MySQL mode, the same migrations),
 * JMX on as in production (no @CamelSpringBootTest: it would switch JMX off, and Hawtio needs it),
 * one configured shop with a current and a rotated-out secret, and admin credentials. Test classes with this
 * annotation share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:bridge-test;MODE=MySQL;DB_CLOSE_DELAY=-1",
        "shopify.shops[0].domain=" + ShopifyWebhookClient.SHOP,
        "shopify.shops[0].webhook-secrets[0]=" + ShopifyWebhookClient.OLD_SECRET,
        "shopify.shops[0].webhook-secrets[1]=" + ShopifyWebhookClient.SECRET,
        "shopify.shops[1].domain=" + H2AppTest.SECOND_SHOP,
        "shopify.shops[1].webhook-secrets[0]=" + ShopifyWebhookClient.SECRET,
        "shopify.max-body-bytes=" + H2AppTest.MAX_BODY_BYTES,
        "admin.password=" + H2AppTest.ADMIN_PASSWORD,
        "bridge.routes-dir=target/no-deployment-routes",
        // Ingest tests look at rows as ingest leaves them; processing tests start their own instances.
        "processing.enabled=false",
        // Tests of the admin_job table look at rows as they leave them.
        "admin-jobs.enabled=false"
})
public @interface H2AppTest {
    String SECOND_SHOP = "Second-Shop.myshopify.com";
    int MAX_BODY_BYTES = 65536;
    String ADMIN_PASSWORD = "test-admin-password";
}
