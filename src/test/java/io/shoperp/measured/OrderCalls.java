package io.shoperp.measured;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.shoperp.erpnext.sandbox.SandboxRequestLog.Request;

/** The ERPNext requests of one order's webhooks, event by event, and what they add up to. */
final class OrderCalls {

    /** The requests one webhook caused. */
    record Event(String topic, List<Request> requests) {

        long reads() {
            return requests.stream().filter(request -> !request.operation().isWrite()).count();
        }

        long writes() {
            return requests.stream().filter(request -> request.operation().isWrite()).count();
        }
    }

    private final List<Event> events = new ArrayList<>();

    void add(String topic, List<Request> requests) {
        events.add(new Event(topic, List.copyOf(requests)));
    }

    List<Event> events() {
        return events;
    }

    List<Request> requests() {
        return events.stream().flatMap(event -> event.requests().stream()).toList();
    }

    long reads() {
        return events.stream().mapToLong(Event::reads).sum();
    }

    long writes() {
        return events.stream().mapToLong(Event::writes).sum();
    }

    /**
     * The documents the order's requests created or changed, each counted once: a document inserted and submitted is
     * one, a cancelled Sales Order and its amendment are two.
     */
    long documentsWritten() {
        Set<String> written = new LinkedHashSet<>();
        requests().stream().filter(request -> request.operation().isWrite() && request.succeeded())
                .forEach(request -> written.add(request.doctype() + "/" + request.documentName()));
        return written.size();
    }
}
