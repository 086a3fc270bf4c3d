package org.camelav.recording;

import java.time.Instant;
import java.util.AbstractList;
import java.util.List;

/** A listing of a recording endpoint between two times: its files and the gaps between them, oldest first. */
public final class Timeline extends AbstractList<TimelineEntry> {

    private final Instant from;
    private final Instant to;
    private final List<TimelineEntry> entries;

    public Timeline(Instant from, Instant to, List<TimelineEntry> entries) {
        this.from = from;
        this.to = to;
        this.entries = List.copyOf(entries);
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
