package io.shoperp.onboarding;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.shoperp.ingest.ShopRegistry;
import io.shoperp.shopify.ShopifyAdminClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Admin jobs (behind the admin's basic auth): {@code POST /admin/shops/{domain}/import/products} and
 * {@code POST /admin/shops/{domain}/backfill/orders?from=&to=} start one (202 with the job and its Location; 409
 * while a job of the same kind runs for the shop), {@code GET /admin/jobs/{id}} shows its progress and
 * {@code GET /admin/jobs} the newest ones.
 */
@RestController
public class AdminJobController {

    private static final Logger LOG = LoggerFactory.getLogger(AdminJobController.class);
    private static final int LISTED = 50;

    private final AdminJobStore store;
    private final ShopifyAdminClients clients;
    private final Clock clock;

    public AdminJobController(AdminJobStore store, ShopifyAdminClients clients, Clock clock) {
        this.store = store;
        this.clients = clients;
        this.clock = clock;
    }

    @PostMapping("/admin/shops/{domain}/import/products")
    public ResponseEntity<Object> importProducts(@PathVariable String domain, Principal who) {
        return start(AdminJob.Kind.PRODUCTS_IMPORT, domain, null, null, who);
    }

    /**
     * @param from the first updated_at included: an ISO instant (2026-01-01T00:00:00Z) or a date (UTC midnight)
     * @param to   the first updated_at no longer included, same forms; now when absent
     */
    @PostMapping("/admin/shops/{domain}/backfill/orders")
    public ResponseEntity<Object> backfillOrders(@PathVariable String domain, @RequestParam String from,
                                                 @RequestParam(required = false) String to, Principal who) {
        Instant start = instant("from", from);
        Instant end = to == null || to.isBlank() ? Instant.now(clock).truncatedTo(ChronoUnit.SECONDS) : instant("to", to);
        if (!start.isBefore(end)) {
            return error(HttpStatus.BAD_REQUEST, "from (" + start + ") must be before to (" + end + ")");
        }
        return start(AdminJob.Kind.ORDERS_BACKFILL, domain, start, end, who);
    }

    @GetMapping("/admin/jobs/{id}")
    public ResponseEntity<Object> job(@PathVariable long id) {
        return store.find(id).<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no job " + id));
    }

    @GetMapping("/admin/jobs")
    public Map<String, List<AdminJob>> jobs() {
        return Map.of("jobs", store.newest(LISTED));
    }

    private ResponseEntity<Object> start(AdminJob.Kind kind, String domain, Instant from, Instant to, Principal who) {
        String shop = ShopRegistry.normalise(domain);
        if (clients.forShop(shop).isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "no shop " + shop + " with admin-api-url and admin-api-token in shopify.shops");
        }
        try {
            AdminJob job = store.create(kind, shop, from, to, who.getName());
            LOG.info("job {} {} shop={} requested by {}{}", job.id(), kind.label(), shop, who.getName(),
                    from == null ? "" : " for orders updated from " + from + " to " + to);
            return ResponseEntity.accepted().location(URI.create("/admin/jobs/" + job.id())).body(job);
        } catch (ActiveJobException running) {
            ResponseEntity.BodyBuilder conflict = ResponseEntity.status(HttpStatus.CONFLICT);
            if (running.active() != null) {
                conflict.location(URI.create("/admin/jobs/" + running.active().id()));
            }
            return conflict.body(running.active() == null ? Map.of("error", running.getMessage())
                    : Map.of("error", running.getMessage(), "job", running.active()));
        }
    }

    private static Instant instant(String name, String value) {
        String text = value.trim();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text).truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            throw new BadParameter(name + " must be an ISO instant (2026-01-01T00:00:00Z) or a date (2026-01-01): '"
                    + value + "'");
        }
    }

    private static ResponseEntity<Object> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }

    private static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message);
        }
    }

    @ExceptionHandler(BadParameter.class)
    ResponseEntity<Object> badParameter(BadParameter error) {
        return error(HttpStatus.BAD_REQUEST, error.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> badId(MethodArgumentTypeMismatchException error) {
        return error(HttpStatus.BAD_REQUEST, error.getName() + " must be a whole number");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missingParameter(MissingServletRequestParameterException error) {
        return error(HttpStatus.BAD_REQUEST, "parameter " + error.getParameterName() + " is required");
    }
}
