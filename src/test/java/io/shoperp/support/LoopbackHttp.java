package io.shoperp.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** A JDK HTTP server on the loopback interface, as the test sandboxes serve their APIs. */
public final class LoopbackHttp {

    private LoopbackHttp() {
    }

    /** Listens on 127.0.0.1:{@code port} (0: a free port) and serves every path with {@code handler}. */
    public static HttpServer listen(int port, Executor executor, HttpHandler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        return server;
    }
}
