package io.shoperp.erpnext.sandbox;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox for local development until Ctrl-C:
 * {@code ./mvnw -q test-compile exec:java -Dexec.mainClass=io.shoperp.erpnext.sandbox.ErpNextSandboxMain
 * -Dexec.args="--port=8000 --seed=src/test/resources/erpnext-sandbox/seed.json --api-key=k --api-secret=s"}
 * (every argument optional).
 */
public final class ErpNextSandboxMain {

    private ErpNextSandboxMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        int port = Integer.parseInt(options.getOrDefault("port", "8000"));
        Path seed = Path.of(options.getOrDefault("seed", "src/test/resources/erpnext-sandbox/seed.json"));
        String apiKey = options.getOrDefault("api-key", ErpNextSandbox.DEFAULT_API_KEY);
        String apiSecret = options.getOrDefault("api-secret", ErpNextSandbox.DEFAULT_API_SECRET);

        ErpNextSandbox sandbox = new ErpNextSandbox(port, apiKey, apiSecret).seed(seed).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.stop();
            stopped.countDown();
        }));
        // Sandbox credentials are throwaway test values, printed so the developer can configure the bridge.
        System.out.println("ERPNext sandbox listening on " + sandbox.baseUrl() + " (seed " + seed + ")");
        System.out.println("  erpnext.url=" + sandbox.baseUrl() + " erpnext.api-key=" + apiKey
                + " erpnext.api-secret=" + apiSecret);
        System.out.println("  faults: POST " + sandbox.baseUrl() + "/__sandbox/faults, see docs/erpnext-sandbox.md");
        stopped.await();
    }
}
