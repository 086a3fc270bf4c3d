package org.camelav.recording;

import java.time.Instant;

/**
 * Something that happened on a recording's timeline: a trigger (motion, a person, an alarm: {@code CamelAvTrigger})
 * or a clip that was cut ({@code CamelAvClipClosed}). Kept in the recording's index beside its files, so it survives
 * restarts and every node sees it.
 *
 * @param start when it happened (a clip: its first frame)
 * @param end   when it ended; equal to start for an instant
 * @param kind  {@code trigger} or {@code clip}
 * @param label what the trigger said ({@code motion}, {@code person}...) or the clip's file name; may be empty
 */
public record TimelineEvent(Instant start, Instant end, String kind, String label) {

    public TimelineEvent {
        end = end == null || end.isBefore(start) ? start : end;
        // one line of the index: no tabs or line breaks, and a label of reasonable length
        label = label == null ? "" : label.replaceAll("[\\t\\r\\n]", " ");
        label = label.length() > 200 ? label.substring(0, 200) : label;
        kind = kind.replaceAll("[\\t\\r\\n]", " ");
    }
}
