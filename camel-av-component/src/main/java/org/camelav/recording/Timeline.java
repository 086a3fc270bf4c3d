package org.camelav.recording;

import java.time.Instant;
import java.util.AbstractList;
import java.util.List;

/**
 * A listing of a recording endpoint between two times: its files and the gaps between them, oldest first, and the
 * events noted on it ({@link #events()}).
 */
public final class Timeline extends AbstractList<TimelineEntry> {

    private final Instant from;
    private final Instant to;
    private final List<TimelineEntry> entries;
    private final List<TimelineEvent> events;

    public Timeline(Instant from, Instant to, List<TimelineEntry> entries) {
        this(from, to, entries, List.of());
    }

    public Timeline(Instant from, Instant to, List<TimelineEntry> entries, List<TimelineEvent> events) {
        this.from = from;
        this.to = to;
        this.entries = List.copyOf(entries);
        this.events = List.copyOf(events);
    }

    /** Triggers and clips noted in the range, oldest first (not elements of this list, which holds files and gaps). */
    public List<TimelineEvent> events() {
        return events;
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    /** The files, without the gaps. */
    public List<TimelineEntry> files() {
        return entries.stream().filter(e -> !e.isGap()).toList();
    }

    /** The gaps. */
    public List<TimelineEntry> gaps() {
        return entries.stream().filter(TimelineEntry::isGap).toList();
    }

    @Override
    public TimelineEntry get(int index) {
        return entries.get(index);
    }

    @Override
    public int size() {
        return entries.size();
    }
}
