package io.shoperp.ops;

import java.util.Arrays;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * Hikari logs a WARN with the whole stack trace for every pooled connection it finds broken ("marked as broken
 * because of SQLSTATE(08S01)"): when the database goes away that is a stack trace for each connection of both pools,
 * which says nothing the first line does not. This filter turns each WARN of Hikari's that carries an exception into
 * one line, the exception's class and message appended. Hikari's other lines and levels are left as they are
 * (logging.level.com.zaxxer.hikari still applies).
 */
@Component
public class HikariOneLineWarnings extends TurboFilter {

    static final String HIKARI_LOGGERS = "com.zaxxer.hikari";

    @PostConstruct
    void register() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            start();
            logback.addTurboFilter(this);
        }
    }

    @PreDestroy
    void unregister() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getTurboFilterList().remove(this);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable throwable) {
        if (level != Level.WARN || format == null || !logger.getName().startsWith(HIKARI_LOGGERS)) {
            return FilterReply.NEUTRAL;
        }
        Object[] args = params == null ? new Object[0] : params;
        Throwable failure = throwable;
        // SLF4J passes an exception given as the last argument among the arguments.
        if (failure == null && args.length > 0 && args[args.length - 1] instanceof Throwable last) {
            failure = last;
            args = Arrays.copyOf(args, args.length - 1);
        }
        if (failure == null) {
            return FilterReply.NEUTRAL;
        }
        Object[] oneLine = Arrays.copyOf(args, args.length + 1);
        oneLine[args.length] = failure.getClass().getName() + ": " + singleLine(failure.getMessage());
        // The line logged here carries no exception, so it passes this filter.
        logger.warn(marker, format + " ({})", oneLine);
        return FilterReply.DENY;
    }

    /** Connector/J's "Communications link failure" message spans several lines. */
    private static String singleLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").trim();
    }
}
