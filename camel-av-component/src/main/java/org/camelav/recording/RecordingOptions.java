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
 */
public record RecordingOptions(PathPattern pattern, WriterOptions writer, double segmentSeconds, SegmentClock clock,
        double retainHours, long retainBytes, double preRoll, double postRoll) {

    public RecordingOptions {
        if (!(segmentSeconds > 0)) {
            throw new IllegalArgumentException("segment duration must be positive: " + segmentSeconds);
        }
        if (retainHours < 0 || retainBytes < 0 || preRoll < 0 || postRoll < 0) {
            throw new IllegalArgumentException("retention and pre/post-roll must be 0 or more");
        }
    }
}
