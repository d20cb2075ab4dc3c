package io.shoperp.sync;

import java.util.function.BiFunction;

import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;

/** The applier a stage's route names: it hands each event to the handler of the event's shop. */
public final class ShopApplier {

    private final ShopHandlers handlers;
    private final BiFunction<ShopHandlers.Handlers, InboxEvent, ApplyOutcome> handler;

    ShopApplier(ShopHandlers handlers, BiFunction<ShopHandlers.Handlers, InboxEvent, ApplyOutcome> handler) {
        this.handlers = handlers;
        this.handler = handler;
    }

    public ApplyOutcome apply(InboxEvent event) {
        return handler.apply(handlers.of(event.shopDomain()), event);
    }
}
