package io.shoperp.erpnext;

import java.time.Duration;

import io.shoperp.erpnext.sandbox.ErpNextSandbox;

/** Clients and settings pointing at a sandbox, with timeouts short enough for fast tests. */
final class SandboxClients {

    static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

    private SandboxClients() {
    }

    static ErpNextProperties properties(ErpNextSandbox sandbox, String apiKey, String apiSecret) {
        return new ErpNextProperties(sandbox.baseUrl(), apiKey, apiSecret, Duration.ofMillis(500), READ_TIMEOUT, false,
                new ErpNextProperties.CircuitBreaker(50, 4, 4, Duration.ofSeconds(30), 1, null));
    }

    static ErpNextClient client(ErpNextSandbox sandbox) {
        return new ErpNextClient(properties(sandbox, sandbox.apiKey(), sandbox.apiSecret()));
    }
}
