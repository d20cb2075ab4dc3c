package io.shoperp.erpnext.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoperp.erpnext.ErpNextClient;

/** Raw HTTP against the sandbox, to check its answers byte for byte rather than through the client. */
final class SandboxHttp {

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private static final ObjectMapper JSON = ErpNextClient.objectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ErpNextSandbox sandbox;

    SandboxHttp(ErpNextSandbox sandbox) {
        this.sandbox = sandbox;
    }

    Answer call(String method, String path, String body) {
        return call(method, path, body, "token " + sandbox.apiKey() + ":" + sandbox.apiSecret());
    }

    Answer call(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
