package io.shoperp.onboarding;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the setup check and keeps its last report: once in the background after start (setup-check.at-start), and on
 * each GET /admin/setup-check. The {@code setupCheck} health component shows it to the admin; its
 * {@link #INCOMPLETE} status is outside the aggregate order, so a failing check never takes probes down.
 */
@Component("setupCheckHealthIndicator")
public class SetupCheckStatus implements HealthIndicator {

    public static final Status INCOMPLETE = new Status("SETUP_INCOMPLETE",
            "the last setup check found something to fix: GET /admin/setup-check");

    private static final Logger log = LoggerFactory.getLogger(SetupCheckStatus.class);

    private final SetupCheck check;
    private final SetupCheckProperties properties;
    private final AtomicReference<SetupCheckReport> last = new AtomicReference<>();

    public SetupCheckStatus(SetupCheck check, SetupCheckProperties properties) {
        this.check = check;
        this.properties = properties;
    }

    public SetupCheckReport run() {
        SetupCheckReport report = check.run();
        last.set(report);
        if (report.passed()) {
            log.info("setup check: all {} checks passed", report.checks().size());
        } else {
            log.warn("setup check: {} of {} checks failed:\n{}", report.failures().size(), report.checks().size(),
                    new SetupCheckReport(report.at(), report.failures()).text());
        }
        return report;
    }

    public Optional<SetupCheckReport> last() {
        return Optional.ofNullable(last.get());
    }

    /** In the background: ERPNext or Shopify being slow or down must not hold up the start. */
    @EventListener(ApplicationReadyEvent.class)
    void runAtStart() {
        if (properties.atStart()) {
            Thread thread = new Thread(() -> {
                try {
                    run();
                } catch (RuntimeException e) {
                    log.warn("setup check at start failed: {}", e.toString());
                }
            }, "setup-check");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public Health health() {
        SetupCheckReport report = last.get();
        if (report == null) {
            return Health.unknown().withDetail("setupCheck", "not run yet").build();
        }
        return Health.status(report.passed() ? Status.UP : INCOMPLETE)
                .withDetail("at", report.at().toString())
                .withDetail("passed", report.checks().size() - report.failures().size())
                .withDetail("failed", report.failures().size())
                .withDetail("failures", report.failures().stream().map(SetupCheckResult::check).toList())
                .build();
    }
}
