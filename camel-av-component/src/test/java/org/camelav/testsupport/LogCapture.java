package org.camelav.testsupport;

import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures everything one log4j2 logger receives while open, at every level, instead of printing it: the logger gets a
 * config of its own (level ALL, not additive) that is removed again on close. Lock-free, so it can take the flood of
 * a debug-level FFmpeg from many threads.
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    public record Event(Level level, String message, String thread) {
    }

    private static final int KEEP = 10_000;

    private final String loggerName;
    private final Queue<Event> events = new ConcurrentLinkedQueue<>();
    private final Map<Level, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Set<String> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLong kept = new AtomicLong();

    public LogCapture(String loggerName) {
        super("capture-" + loggerName, null, null, true, Property.EMPTY_ARRAY);
        this.loggerName = loggerName;
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        if (config.getLoggers().containsKey(loggerName)) {
            throw new IllegalStateException("Logger " + loggerName + " is configured already");
        }
        LoggerConfig lc = new LoggerConfig(loggerName, Level.ALL, false);
        start();
        lc.addAppender(this, Level.ALL, null);
        config.addLogger(loggerName, lc);
        ctx.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        counts.computeIfAbsent(event.getLevel(), l -> new AtomicLong()).incrementAndGet();
        threads.add(event.getThreadName());
        if (kept.incrementAndGet() <= KEEP) {
            events.add(new Event(event.getLevel(), event.getMessage().getFormattedMessage(), event.getThreadName()));
        }
    }

    /** The first {@value #KEEP} events. */
    public java.util.List<Event> events() {
        return java.util.List.copyOf(events);
    }

    public long count(Level level) {
        AtomicLong n = counts.get(level);
        return n == null ? 0 : n.get();
    }

    public long count(Level level, String contains) {
        return events.stream().filter(e -> e.level() == level && e.message().contains(contains)).count();
    }

    /** Names of the threads that logged. */
    public Set<String> threads() {
        return Set.copyOf(threads);
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().removeLogger(loggerName);
        ctx.updateLoggers();
        stop();
    }
}
