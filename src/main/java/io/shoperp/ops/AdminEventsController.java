package io.shoperp.ops;

import java.security.Principal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.shoperp.inbox.InboxQueries;
import io.shoperp.inbox.InboxQueries.Filter;
import io.shoperp.inbox.InboxStatus;
import io.shoperp.inbox.InboxStore;
import io.shoperp.ingest.ShopRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The operators' view of the inbox (behind the admin's basic auth): list and inspect events, replay one or all
 * in a status. A replay goes through the same idempotent path as any event, so replaying a DONE event changes
 * nothing in ERPNext.
 */
@RestController
@RequestMapping("/admin/events")
public class AdminEventsController {

    private static final Logger LOG = LoggerFactory.getLogger(AdminEventsController.class);
    private static final int MAX_PAGE_SIZE = 500;
    private static final int MAX_BULK_REPLAY = 10_000;
    private static final Set<InboxStatus> BULK_REPLAYABLE = EnumSet.of(InboxStatus.DEAD, InboxStatus.IGNORED);

    private final InboxQueries queries;
    private final InboxStore store;

    public AdminEventsController(InboxQueries queries, InboxStore store) {
        this.queries = queries;
        this.store = store;
    }

    @GetMapping
    public InboxQueries.Page list(@RequestParam(required = false) String status,
                                  @RequestParam(required = false) String topic,
                                  @RequestParam(required = false) String shop,
                                  @RequestParam(required = false) String entityKey,
                                  @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw new BadRequest("page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadRequest("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        return queries.list(filter(status, topic, shop, entityKey), page, size);
    }

    @GetMapping("/{id}")
    public InboxQueries.Detail get(@PathVariable long id) {
        return queries.find(id).orElseThrow(() -> new NotFound("no event " + id));
    }

    @PostMapping("/{id}/replay")
    public ResponseEntity<Map<String, Object>> replay(@PathVariable long id, Principal who) {
        InboxQueries.Detail event = get(id);
        if (!store.replay(id, who.getName())) {
            throw new Conflict(event.redactedAt() != null
                    ? "event " + id + " cannot be replayed: its payload was redacted at " + event.redactedAt()
                    : "event " + id + " is " + event.event().status()
                            + ": only DONE, IGNORED or DEAD events can be replayed");
        }
        LOG.info("event {} replayed by {} (was {})", id, who.getName(), event.event().status());
        return ResponseEntity.accepted().body(Map.of("id", id, "status", InboxStatus.PENDING,
                "previousStatus", event.event().status()));
    }

    @PostMapping("/replay")
    public ResponseEntity<Map<String, Object>> replayAll(@RequestParam String status,
                                                         @RequestParam(required = false) String topic,
                                                         @RequestParam(required = false) String shop,
                                                         @RequestParam(required = false) String entityKey,
                                                         @RequestParam(defaultValue = "1000") int limit,
                                                         Principal who) {
        Filter filter = filter(status, topic, shop, entityKey);
        if (!BULK_REPLAYABLE.contains(filter.status())) {
            throw new BadRequest("bulk replay takes status DEAD or IGNORED");
        }
        if (limit < 1 || limit > MAX_BULK_REPLAY) {
            throw new BadRequest("limit must be between 1 and " + MAX_BULK_REPLAY);
        }
        long replayed = queries.ids(filter, limit).stream().filter(id -> store.replay(id, who.getName())).count();
        LOG.info("{} {} event(s) replayed by {}", replayed, filter.status(), who.getName());
        return ResponseEntity.accepted().body(Map.of("replayed", replayed, "status", filter.status()));
    }

    private static Filter filter(String status, String topic, String shop, String entityKey) {
        return new Filter(status(status), blankToNull(topic),
                blankToNull(shop) == null ? null : ShopRegistry.normalise(shop), blankToNull(entityKey));
    }

    private static InboxStatus status(String status) {
        if (blankToNull(status) == null) {
            return null;
        }
        try {
            return InboxStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("unknown status '" + status + "': one of "
                    + Arrays.stream(InboxStatus.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @ExceptionHandler(ApiError.class)
    ResponseEntity<Map<String, String>> apiError(ApiError error) {
        return ResponseEntity.status(error.status).body(Map.of("error", error.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> badParameter(MethodArgumentTypeMismatchException error) {
        return ResponseEntity.badRequest().body(Map.of("error", error.getName() + " must be a whole number"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, String>> missingParameter(MissingServletRequestParameterException error) {
        return ResponseEntity.badRequest().body(Map.of("error", "parameter " + error.getParameterName() + " is required"));
    }

    private static class ApiError extends RuntimeException {
        final HttpStatus status;

        ApiError(HttpStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private static final class BadRequest extends ApiError {
        BadRequest(String message) {
            super(HttpStatus.BAD_REQUEST, message);
        }
    }

    private static final class NotFound extends ApiError {
        NotFound(String message) {
            super(HttpStatus.NOT_FOUND, message);
        }
    }

    private static final class Conflict extends ApiError {
        Conflict(String message) {
            super(HttpStatus.CONFLICT, message);
        }
    }
}
