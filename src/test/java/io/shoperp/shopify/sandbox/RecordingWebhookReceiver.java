package io.shoperp.shopify.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/** A stand-in for the app's webhook endpoint: answers 200 and keeps every delivery in arrival order. */
public final class RecordingWebhookReceiver implements AutoCloseable {

    public record Delivery(Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final HttpServer server;

    public RecordingWebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/webhooks/shopify", exchange -> {
            deliveries.add(new Delivery(exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/shopify";
    }

    /** The next delivery, waiting at most {@code timeout}; fails the test when none arrives. */
    public Delivery next(Duration timeout) throws InterruptedException {
        Delivery delivery = deliveries.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (delivery == null) {
            throw new AssertionError("no webhook arrived within " + timeout);
        }
        return delivery;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
