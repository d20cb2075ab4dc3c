package io.shoperp.shopify.sandbox;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Shopify sandbox for local development until Ctrl-C:
 * {@code ./mvnw -q test-compile exec:java -Dexec.mainClass=io.shoperp.shopify.sandbox.ShopifySandboxMain
 * -Dexec.args="--port=8001 --token=shpat_sandbox --app-url=http://localhost:8080/webhooks/shopify
 * --shop=sandbox.myshopify.com --webhook-secret=s"} (every argument optional; the last three turn on the
 * inventory_levels/update echo). Seed and drive it through /__sandbox, see {@link SandboxControl}.
 */
public final class ShopifySandboxMain {

    private ShopifySandboxMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        int port = Integer.parseInt(options.getOrDefault("port", "8001"));
        String token = options.getOrDefault("token", ShopifySandbox.DEFAULT_ACCESS_TOKEN);
        String shop = options.getOrDefault("shop", "sandbox.myshopify.com");

        ShopifySandbox sandbox = new ShopifySandbox(port, token).start();
        if (options.containsKey("app-url") && options.containsKey("webhook-secret")) {
            sandbox.echoInventoryTo(options.get("app-url"), shop, options.get("webhook-secret"));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.stop();
            stopped.countDown();
        }));
        // The sandbox token is a throwaway test value, printed so the developer can configure the bridge.
        System.out.println("Shopify sandbox listening on " + sandbox.adminApiUrl());
        System.out.println("  shopify.shops[0].domain=" + shop + " shopify.shops[0].admin-api-url=" + sandbox.adminApiUrl()
                + " shopify.shops[0].admin-api-token=" + token);
        System.out.println("  control: " + sandbox.adminApiUrl() + "/__sandbox/{orders,inventory,sales,rate-limit,fail,throttle,echo,webhooks,"
                + "subscriptions,locations,scopes}");
        stopped.await();
    }
}
