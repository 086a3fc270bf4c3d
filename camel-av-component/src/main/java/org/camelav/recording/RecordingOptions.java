package org.camelav.recording;

import org.camelav.media.container.WriterOptions;

/**
 * How a recorder names, cuts and keeps its files.
 *
 * @param pattern        strftime file name pattern on the file's wall-clock start
 * @param writer         muxer options of every file (its url is replaced by each file's path)
 * @param segmentSeconds cut at the first key frame at or after this many seconds
 * @param clock          which wall clock names the files
 * @param retainHours    delete files that ended longer ago than this; 0: keep
 * @param retainBytes    delete the oldest files while all together are larger than this; 0: keep
 * @param preRoll        clips: seconds kept before a trigger
 * @param postRoll       clips: seconds written after the (last) trigger
 * @param clockTolerance seconds the source's clock may differ from this machine's receive clock before names follow
 *                       the receive clock (see {@link WallClock})
 * @param minFreeBytes   delete the oldest files before a new one opens while the volume has less free space; 0: off
 */
public record RecordingOptions(PathPattern pattern, WriterOptions writer, double segmentSeconds, SegmentClock clock,
        double retainHours, long retainBytes, double preRoll, double postRoll, double clockTolerance,
        long minFreeBytes) {

    /** The camera clock's default tolerance: over the probing burst (about 1.2 s) and RTSP jitter buffers (2 s). */
    public static final double DEFAULT_CLOCK_TOLERANCE = 5.0;

    public RecordingOptions(PathPattern pattern, WriterOptions writer, double segmentSeconds, SegmentClock clock,
            double retainHours, long retainBytes, double preRoll, double postRoll) {
        this(pattern, writer, segmentSeconds, clock, retainHours, retainBytes, preRoll, postRoll,
                DEFAULT_CLOCK_TOLERANCE, 0);
    }

    public RecordingOptions {
        if (!(clockTolerance > 0) || minFreeBytes < 0) {
            throw new IllegalArgumentException("clock tolerance must be positive and the free space 0 or more");
        }
        if (!(segmentSeconds > 0)) {
            throw new IllegalArgumentException("segment duration must be positive: " + segmentSeconds);
        }
        if (retainHours < 0 || retainBytes < 0 || preRoll < 0 || postRoll < 0) {
            throw new IllegalArgumentException("retention and pre/post-roll must be 0 or more");
        }
    }
}
