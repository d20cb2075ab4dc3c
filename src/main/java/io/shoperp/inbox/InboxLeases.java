package io.shoperp.inbox;

import static io.shoperp.inbox.UtcColumns.utc;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The leases this instance holds, kept alive while it lives and handed back when it stops.
 * <ul>
 * <li>A claim reserves an event for {@code processing.liveness-timeout} (10 s); while the instance lives, every
 * event it holds is renewed every quarter of that, so a slow worker (an ERPNext call of up to its read timeout) is
 * never overtaken, while the events of an instance that died (kill -9, OOM, a lost machine) are claimable again
 * within the timeout, however long {@code processing.lease} is.</li>
 * <li>An instance claims only what its workers will start soon (see {@link #roomToClaim}): what it holds waiting
 * for a worker is renewed too, and would otherwise keep a backlog, and a dead instance's events, from an instance
 * with idle workers.</li>
 * <li>{@code processing.lease} bounds how long one event is held: a worker stuck past it stops being renewed and
 * its event is taken over, as before.</li>
 * <li>Shutting down (SIGTERM): this bean stops first of all (highest phase), while the web server and Camel still
 * run: webhooks are answered 503, nothing more is claimed, claimed events not started yet are handed back at once
 * (PENDING, due now, the attempt not counted), and running ones get {@code processing.shutdown-grace} to finish.</li>
 * </ul>
 */
@Component("inboxLeases")
public class InboxLeases implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(InboxLeases.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final InboxStore store;
    private final ProcessingProperties properties;
    private final Clock clock;
    private final DatabaseOutage outage;
    private final String instanceId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    /** Event id -> when this instance claimed it. */
    private final Map<Long, Instant> held = new ConcurrentHashMap<>();
    /** Notified whenever an event leaves this instance's hands: a claim waiting for room may go on. */
    private final Object room = new Object();
    private volatile boolean running;
    private volatile boolean shuttingDown;
    private ScheduledExecutorService renewal;

    public InboxLeases(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, InboxStore store,
                       ProcessingProperties properties, Clock clock, DatabaseOutage outage) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.outage = outage;
    }

    /** This instance's name in lease_owner. */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Until when a claim (or a renewal) made now reserves its events: rounded up to a whole second, since a MySQL
     * connection may store DATETIME(6) parameters without their fraction, which would end a lease up to a second early.
     */
    Instant claimUntil(Instant now) {
        return now.plus(properties.getLivenessTimeout()).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    void held(List<InboxEvent> claimed, Instant claimedAt) {
        claimed.forEach(event -> held.put(event.id(), claimedAt));
    }

    /** The event's worker is done with it, whatever its outcome (or the outcome could not be recorded). */
    void released(InboxEvent event) {
        held.remove(event.id());
        roomMade();
    }

    /** Wakes a claim waiting for room ({@link #roomToClaim}). */
    private void roomMade() {
        synchronized (room) {
            room.notifyAll();
        }
    }

    /**
     * How many events this instance may claim now, waiting up to {@code patience} for its workers to make room. An
     * instance holds at most its workers' events plus one batch waiting for a worker, and claims again once half of
     * that batch has started: events it cannot start soon stay claimable by an instance that can, above all the
     * events a dead instance left behind.
     *
     * @return 0 when the workers are still full after {@code patience} (or the instance is shutting down)
     */
    int roomToClaim(Duration patience) {
        int batch = properties.effectiveBatchSize();
        int most = properties.getConcurrency() + batch;
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (room) {
            while (isFull() && !shuttingDown) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                try {
                    room.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
            }
        }
        return shuttingDown ? 0 : Math.min(batch, Math.max(0, most - held.size()));
    }

    /** Whether the workers and the batch waiting for them are too full to claim more (see {@link #roomToClaim}). */
    boolean isFull() {
        return held.size() > properties.getConcurrency() + properties.effectiveBatchSize() / 2;
    }

    /** Whether the instance is stopping: nothing is claimed, webhooks are refused with 503. */
    public boolean isShuttingDown() {
        return shuttingDown;
    }

    /**
     * Gives a claimed event that has not started back to the inbox (PENDING, due now, this attempt not counted), so
     * another instance takes it at once instead of after its lease.
     */
    public void handBack(@Body InboxEvent event) {
        try {
            if (store.handBack(event)) {
                LOG.info("event {} handed back at shutdown before it started", event);
            }
        } finally {
            released(event);
        }
    }

    /**
     * Pushes the lease of every event this instance holds forward. One held for processing.lease already is let go:
     * its worker is stuck, another instance takes it over, and it no longer takes room from new claims.
     */
    void renew() {
        Instant now = Instant.now(clock);
        Instant longestHold = now.minus(properties.getLease());
        if (held.values().removeIf(claimedAt -> !claimedAt.isAfter(longestHold))) {
            roomMade();
        }
        List<Long> ids = new ArrayList<>(held.keySet());
        if (ids.isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>(List.of(utc(claimUntil(now)), instanceId));
        args.addAll(ids);
        try {
            // In a transaction of its own, committed explicitly like every other inbox write: a bare update on a pooled
            // MySQL connection whose session the driver believes to be in autocommit is rolled back when returned.
            transaction.executeWithoutResult(status -> jdbc.update("UPDATE inbox_event SET lease_until = ?"
                    + " WHERE status = 'PROCESSING' AND lease_owner = ? AND id IN ("
                    + ids.stream().map(id -> "?").collect(Collectors.joining(",")) + ")", args.toArray()));
        } catch (RuntimeException failure) {
            if (!outage.absorb(failure, ids.size() + " leases not renewed")) {
                LOG.warn("{} leases not renewed: {}", ids.size(), failure.toString());
            }
        }
    }

    @Override
    public void start() {
        Duration every = properties.getLivenessTimeout().dividedBy(4);
        renewal = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "inbox-lease-renewal");
            thread.setDaemon(true);
            return thread;
        });
        renewal.scheduleWithFixedDelay(this::renewQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
        LOG.info("inbox leases held as {}, renewed every {}", instanceId, every);
    }

    private void renewQuietly() {
        try {
            renew();
        } catch (RuntimeException unexpected) {
            // A scheduled task that throws is never run again: the next renewal must still come.
            LOG.warn("lease renewal failed", unexpected);
        }
    }

    @Override
    public void stop(Runnable callback) {
        shuttingDown = true;
        Thread drain = new Thread(() -> {
            try {
                awaitRunningEvents();
            } finally {
                renewal.shutdownNow();
                running = false;
                callback.run();
            }
        }, "inbox-shutdown");
        drain.start();
    }

    private void awaitRunningEvents() {
        Instant deadline = Instant.now(clock).plus(properties.getShutdownGrace());
        LOG.info("shutting down: webhooks answered 503, no more claims, {} events in hand", held.size());
        while (!held.isEmpty() && Instant.now(clock).isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (held.isEmpty()) {
            LOG.info("shutting down: every event in hand finished or handed back");
        } else {
            LOG.warn("shutting down: {} events still running after processing.shutdown-grace {}; their leases end"
                    + " within processing.liveness-timeout and another instance takes them over", held.size(),
                    properties.getShutdownGrace());
        }
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "instance";
        }
    }

    /** Stops before everything else, so the web server and Camel still run while events finish. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
