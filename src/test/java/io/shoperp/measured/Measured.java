package io.shoperp.measured;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where measured runs write logs and tables, and their size settings (system properties). */
final class Measured {

    private Measured() {
    }

    static Path dir() {
        Path dir = Path.of(System.getProperty("measured.dir", "target/measured"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static int intProperty(String name, int defaultValue) {
        return Integer.getInteger(name, defaultValue);
    }

    /** Appends a printed table to target/measured/results.txt as well. */
    static void report(String text) {
        System.out.println(text);
        try {
            Files.writeString(dir().resolve("results.txt"), text + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
