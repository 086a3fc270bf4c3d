package org.camelav.media.subtitles;

import java.util.List;

import org.camelav.media.FrameProps;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaType;
import org.camelav.media.Rational;

/**
 * One decoded subtitle (PyAV's {@code SubtitleSet}): shown from {@link #start()} to {@link #end()}, as text events
 * (SRT, ASS/SSA, mov_text, WebVTT: FFmpeg turns all of them into ASS events) or as bitmaps (DVB, PGS, DVD). Its pts
 * is the start and its duration the display time, in {@link #timeBase()} units. The producer encodes text subtitles
 * into the output's subtitle codec (mov_text for MP4, ASS or SubRip for MKV, WebVTT).
 */
public final class Subtitle extends MediaItem {

    private static final Rational MILLIS = new Rational(1, 1000);

    private final List<String> events;
    private final List<SubtitleBitmap> bitmaps;

    public Subtitle(FrameProps props, List<String> events, List<SubtitleBitmap> bitmaps) {
        super(props);
        this.events = List.copyOf(events);
        this.bitmaps = List.copyOf(bitmaps);
    }

    /**
     * A text subtitle built by a route, e.g. to mux next to video: shown from {@code start} to {@code end} seconds, in
     * output stream {@code streamIndex} of a source whose items come in {@code streamGroup} (the producer waits for one
     * item of each before writing the header).
     */
    public static Subtitle text(String text, double start, double end, int streamIndex, List<Integer> streamGroup) {
        long pts = Math.round(start * 1000);
        FrameProps p = new FrameProps(streamIndex, pts, pts, Math.max(0, Math.round(end * 1000) - pts), MILLIS, true,
                0, null, streamGroup, false, false);
        return new Subtitle(p, List.of(AssText.event(0, text)), List.of());
    }

    @Override
    public MediaType mediaType() {
        return MediaType.SUBTITLE;
    }

    @Override
    public Subtitle withProps(FrameProps props) {
        return new Subtitle(props, events, bitmaps);
    }

    /** The text events in FFmpeg's ASS form (see {@link AssText}); empty for bitmap subtitles. */
    public List<String> events() {
        return events;
    }

    /** What a viewer reads: the plain text of every event, one after another on separate lines. */
    public String text() {
        return String.join("\n", events.stream().map(AssText::plain).toList());
    }

    /** The pictures of a bitmap subtitle; empty for text. */
    public List<SubtitleBitmap> bitmaps() {
        return bitmaps;
    }

    /** When it appears, in seconds; null when unknown. */
    public Double start() {
        return time();
    }

    /** When it disappears, in seconds; null when unknown (shown until the next one, as DVB subtitles may be). */
    public Double end() {
        return time() == null || duration() <= 0 ? null : (pts() + duration()) * timeBase().toDouble();
    }

    @Override
    public String toString() {
        return "Subtitle[" + start() + "-" + end() + " s, " + (bitmaps.isEmpty() ? "\"" + text() + "\""
                : bitmaps.size() + " bitmaps") + "]";
    }
}
