package io.shoperp.onboarding;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The outcome of one setup check run, in the order the checks ran. */
public record SetupCheckReport(Instant at, List<SetupCheckResult> checks) {

    public SetupCheckReport {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().allMatch(SetupCheckResult::passed);
    }

    public List<SetupCheckResult> failures() {
        return checks.stream().filter(check -> !check.passed()).toList();
    }

    /** One line per check, newline-terminated. */
    public String text() {
        return checks.stream().map(check -> check.line() + "\n").collect(Collectors.joining());
    }
}
