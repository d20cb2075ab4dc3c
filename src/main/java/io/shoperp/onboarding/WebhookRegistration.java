package io.shoperp.onboarding;

import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.ingest.ShopRegistry;
import io.shoperp.ingest.ShopifyProperties;
import io.shoperp.shopify.ShopifyAdminClient;
import io.shoperp.shopify.ShopifyAdminClients;
import io.shoperp.shopify.ShopifyAdminException;
import io.shoperp.shopify.WebhookSubscription;
import io.shoperp.topics.TopicRoute;
import io.shoperp.topics.TopicTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes each shop's webhook subscriptions match the topics the bridge routes (routes/webhook-subscriptions.yaml runs
 * it at start and every {@code shopify.webhook-check-interval}, on one instance). For each routed topic:
 * <ul>
 * <li>a subscription at {@code <bridge.public-url>/webhooks/shopify} exists: present, nothing is written;</li>
 * <li>else one of the topic's subscriptions points at another address on the public URL's host (an old path or port
 * of this bridge): it is repaired, pointed at the address;</li>
 * <li>else one is created.</li>
 * </ul>
 * A subscription to any other host (another app of the same API client, a test tunnel) or a Pub/Sub or EventBridge
 * one is never touched, nor is a subscription of a topic the bridge does not route: the bridge cannot tell whose they
 * are. Subscriptions are only ever created or repaired, never deleted. The mandatory compliance topics are left out:
 * Shopify takes them only from the app's configuration. Each run's outcome per shop is the gauge
 * {@value #METER}{shop, state} (present, created, repaired, failed), in topics.
 */
@Component("webhookRegistration")
public class WebhookRegistration {

    /** Prometheus: {@code shopify_webhook_subscriptions}. */
    public static final String METER = "shopify.webhook.subscriptions";

    /** Set in the app's configuration (shopify.app.toml or the Partner Dashboard); the API refuses them. */
    static final Set<String> COMPLIANCE_TOPICS = Set.of("customers/data_request", "customers/redact", "shop/redact");

    private static final Logger LOG = LoggerFactory.getLogger(WebhookRegistration.class);

    /** The outcomes of one topic in one run. */
    public enum State {
        PRESENT, CREATED, REPAIRED, FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final ShopifyProperties shopify;
    private final ShopifyAdminClients clients;
    private final TopicTable topics;
    private final PublicUrlProperties publicUrl;
    private final MeterRegistry meters;
    /** The gauges' values per shop: the last run's counts. */
    private final Map<String, Map<State, AtomicInteger>> lastRun = new ConcurrentHashMap<>();

    public WebhookRegistration(ShopifyProperties shopify, ShopifyAdminClients clients, TopicTable topics,
            PublicUrlProperties publicUrl, MeterRegistry meters) {
        this.shopify = shopify;
        this.clients = clients;
        this.topics = topics;
        this.publicUrl = publicUrl;
        this.meters = meters;
    }

    /** One run over every shop with an Admin API and register-webhooks on; a failing shop does not stop the others. */
    public void registerAll() {
        Optional<String> address = publicUrl.webhookAddress();
        if (address.isEmpty()) {
            return;
        }
        for (ShopifyProperties.Shop shop : shopify.getShops()) {
            if (shop.isRegisterWebhooks()) {
                clients.forShop(shop.getDomain()).ifPresent(client ->
                        register(ShopRegistry.normalise(shop.getDomain()), client, address.get()));
            }
        }
    }

    /** The topic enum values the bridge subscribes to: every topic routed to a stage, compliance topics aside. */
    public List<String> subscribedTopics() {
        return subscribedTopics(topics);
    }

    /** The topic enum values a bridge routing {@code topics} subscribes to (ORDERS_CREATE, ...). */
    public static List<String> subscribedTopics(TopicTable topics) {
        return topics.rows().stream()
                .filter(row -> row.stage().isPresent() && !COMPLIANCE_TOPICS.contains(row.topic()))
                .map(TopicRoute::topic)
                .map(WebhookSubscription::topicEnum)
                .distinct()
                .sorted()
                .toList();
    }

    private void register(String shop, ShopifyAdminClient client, String address) {
        Map<State, Integer> counts = new EnumMap<>(State.class);
        for (State state : State.values()) {
            counts.put(state, 0);
        }
        List<String> wanted = subscribedTopics();
        List<WebhookSubscription> existing;
        try {
            existing = client.webhookSubscriptions();
        } catch (ShopifyAdminException e) {
            LOG.warn("shop {}: webhook subscriptions not checked: {}", shop, e.getMessage());
            counts.put(State.FAILED, wanted.size());
            publish(shop, counts);
            return;
        }
        String ourHost = hostOf(address);
        for (String topic : wanted) {
            List<WebhookSubscription> ofTopic = existing.stream().filter(s -> s.topic().equals(topic)).toList();
            if (ofTopic.stream().anyMatch(s -> s.uri().equals(address))) {
                counts.merge(State.PRESENT, 1, Integer::sum);
                continue;
            }
            Optional<WebhookSubscription> ours = ofTopic.stream()
                    .filter(s -> ourHost.equals(hostOf(s.uri()))).findFirst();
            try {
                if (ours.isPresent()) {
                    client.updateWebhookSubscription(ours.get().id(), address);
                    LOG.info("shop {}: webhook subscription {} {} repaired: {} -> {}", shop, ours.get().id(), topic,
                            ours.get().uri(), address);
                    counts.merge(State.REPAIRED, 1, Integer::sum);
                } else {
                    WebhookSubscription created = client.createWebhookSubscription(topic, address);
                    LOG.info("shop {}: webhook subscription {} {} created", shop, created.id(), topic);
                    counts.merge(State.CREATED, 1, Integer::sum);
                }
            } catch (ShopifyAdminException e) {
                LOG.warn("shop {}: webhook subscription {} not {}: {}", shop, topic,
                        ours.isPresent() ? "repaired" : "created", e.getMessage());
                counts.merge(State.FAILED, 1, Integer::sum);
            }
        }
        publish(shop, counts);
    }

    private void publish(String shop, Map<State, Integer> counts) {
        Map<State, AtomicInteger> gauges = lastRun.computeIfAbsent(shop, this::gauges);
        counts.forEach((state, count) -> gauges.get(state).set(count));
    }

    private Map<State, AtomicInteger> gauges(String shop) {
        Map<State, AtomicInteger> gauges = new EnumMap<>(State.class);
        for (State state : State.values()) {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(METER, value, AtomicInteger::get)
                    .description("Topics the bridge routes, by the outcome of the last webhook subscription check")
                    .tag("shop", shop)
                    .tag("state", state.tag())
                    .register(meters);
            gauges.put(state, value);
        }
        return gauges;
    }

    /** The lower-case host of an address, "" for one without (a Pub/Sub or EventBridge address, a broken one). */
    private static String hostOf(String address) {
        try {
            String host = URI.create(address).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
