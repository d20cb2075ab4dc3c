package io.shoperp.compliance;

import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import org.springframework.stereotype.Component;

/**
 * app/uninstalled changes nothing in ERPNext. The reason tells the operator what follows, since the shop's
 * scheduled Admin API calls (stock push, reconciliation) are refused from now on.
 */
@Component("appUninstalled")
public class AppUninstalled {

    public ApplyOutcome apply(InboxEvent event) {
        return ApplyOutcome.ignored("app uninstalled from " + event.shopDomain() + ": Shopify sends no more webhooks"
                + " and refuses its Admin API token; remove the shop's admin-api settings, or reinstall the app."
                + " shop/redact follows 48 h later");
    }
}
