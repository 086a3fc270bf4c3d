package org.camelav.examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Captures what one log4j2 logger receives (at every level) while open; events are kept as level + message. */
final class CapturedLog extends AbstractAppender implements AutoCloseable {

    record Event(Level level, String message) {
    }

    private final String loggerName;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Level previous;

    CapturedLog(String loggerName) {
        super("captured-" + loggerName, null, null, true, Property.EMPTY_ARRAY);
        this.loggerName = loggerName;
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        LoggerConfig lc = config.getLoggerConfig(loggerName);
        if (!lc.getName().equals(loggerName)) {
            lc = new LoggerConfig(loggerName, Level.ALL, true);
            config.addLogger(loggerName, lc);
        }
        previous = lc.getLevel();
        lc.setLevel(Level.ALL);
        start();
        lc.addAppender(this, Level.ALL, null);
        ctx.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        events.add(new Event(event.getLevel(), event.getMessage().getFormattedMessage()));
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    long count(Level level, String contains) {
        return events.stream().filter(e -> e.level() == level && e.message().contains(contains)).count();
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        LoggerConfig lc = ctx.getConfiguration().getLoggerConfig(loggerName);
        lc.removeAppender(getName());
        lc.setLevel(previous);
        ctx.updateLoggers();
        stop();
    }
}
