package io.shoperp.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Instants are stored as UTC wall-clock DATETIME columns (MySQL/MariaDB and H2 alike): no session or JVM time
 * zone can shift them. Every table of the application reads and writes them through here.
 */
public final class UtcColumns {

    private UtcColumns() {
    }

    /** The column value of an instant; null stays null. */
    public static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs.getObject(column, LocalDateTime.class));
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        return instant(rs.getObject(column, LocalDateTime.class));
    }

    /** The instant of a column value read as LocalDateTime; null stays null. */
    public static Instant instant(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
