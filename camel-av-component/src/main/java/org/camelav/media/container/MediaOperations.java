package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EINVAL;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;

import org.camelav.media.AvErrors;
import org.camelav.media.AvException;
import org.camelav.media.MediaItem;
import org.camelav.media.codec.SkipFrame;
import org.camelav.media.io.Interrupter;
import org.camelav.media.video.ImageEncoder;
import org.camelav.media.video.ImageFormat;
import org.camelav.media.video.VideoFrame;

/**
 * One-shot jobs on a whole input, the ffprobe/ffmpeg command-line jobs integration routes run on files that arrive as
 * messages: probe, transcode, thumbnail. Each opens, runs and frees everything before it returns.
 */
public final class MediaOperations {

    private MediaOperations() {
    }

    /**
     * {@code ffprobe -show_format -show_streams}, with frame counts and durations filled in where missing on an input
     * that has an end, by demuxing for at most the input's timeout. A live input is opened, its stream info found, and
     * reported (frame count 0: unknown), so the probe returns within the open and stream-info bounds.
     */
    public static MediaInfo probe(ReaderOptions input) {
        return probe(input, new Interrupter(input.input().timeoutMillis()));
    }

    /** As {@link #probe(ReaderOptions)}, stoppable from another thread through {@code interrupter} (owned from here). */
    public static MediaInfo probe(ReaderOptions input, Interrupter interrupter) {
        try (MediaInput in = MediaInput.open(input.input(), interrupter)) {
            return MediaInfo.of(in, input.input().timeoutMillis());
        }
    }

    /**
     * Decodes the selected streams (default: the best video and audio) and re-encodes them into {@code output}.
     *
     * @return the frames written, never 0
     * @throws AvException when the input delivered no frame at all (damaged, truncated, no decodable packet): an
     *                     output with no media in it is a failure, not an empty success
     */
    public static long transcode(ReaderOptions input, WriterOptions output) {
        return transcode(input, output, new Interrupter(input.input().timeoutMillis()));
    }

    /**
     * As {@link #transcode(ReaderOptions, WriterOptions)}, stoppable through {@code interrupter} (owned from here). With
     * {@link EncoderOptions#passes()} 2 the input is read twice, see {@link TwoPassTranscode}.
     */
    public static long transcode(ReaderOptions input, WriterOptions output, Interrupter interrupter) {
        ReaderOptions in = input.delivery().streams() == null || input.delivery().streams().isBlank()
                ? input.toBuilder().streams("best").build() : input;
        if (output.encoding().passes() == 2 && output.encoding().pass() == null) {
            return TwoPassTranscode.run(in, output, interrupter);
        }
        try (MediaReader reader = MediaReader.open(in, interrupter)) {
            if (!reader.input().isFinite() && in.delivery().duration() == null && in.delivery().maxFrames() <= 0) {
                // a live input has no end: nothing may run forever unless the user asked for it
                throw new AvException("Transcoding a live input needs a bound: duration= (seconds) or maxFrames=",
                        AVERROR_EINVAL(), input.url());
            }
            if (output.encoding().pass() != null && !reader.input().isFinite()) {
                // the second pass must see the frames the first one measured
                throw new AvException("A two-pass transcode needs an input with an end (a file), not a live one",
                        AVERROR_EINVAL(), input.url());
            }
            return transcode(reader, output, input.url());
        }
    }

    private static long transcode(MediaReader reader, WriterOptions output, String url) {
        long items = 0;
        try (MediaWriter writer = new MediaWriter(output)) {
            MediaItem item;
            while ((item = reader.next()) != null) {
                try {
                    writer.write(item);
                } finally {
                    item.release();
                }
                items++;
            }
            if (items == 0) {
                throw AvErrors.exception("Transcode produced no media: no frame could be decoded from "
                                         + StreamSelection.describe(reader.selectedStreams())
                                         + (reader.decodeErrors() > 0 ? " (" + reader.decodeErrors()
                                                                        + " packets rejected as corrupt)" : ""),
                        AVERROR_INVALIDDATA, url);
            }
        }
        return items;
    }

    /**
     * The frame at {@code seconds} (decoded exactly, as {@code ffmpeg -ss T -i in -frames:v 1}), or the first key frame
     * when {@code seconds} is null, encoded as a still image.
     */
    public static byte[] thumbnail(ReaderOptions input, Double seconds, ImageFormat format, int quality) {
        return thumbnail(input, seconds, format, quality, new Interrupter(input.input().timeoutMillis()));
    }

    /** As {@link #thumbnail(ReaderOptions, Double, ImageFormat, int)}, stoppable through {@code interrupter}. */
    public static byte[] thumbnail(ReaderOptions input, Double seconds, ImageFormat format, int quality,
            Interrupter interrupter) {
        ReaderOptions.Builder one = input.toBuilder().streams("video").maxFrames(1);
        if (seconds != null) {
            one.startTime(seconds);
        } else {
            one.skipFrame(SkipFrame.NONKEY);
        }
        try (MediaReader reader = MediaReader.open(one.build(), interrupter)) {
            MediaItem item = reader.next();
            if (!(item instanceof VideoFrame frame)) {
                throw new AvException("No video frame " + (seconds == null ? "" : "at " + seconds + " s ") + "in input",
                        0, input.url());
            }
            try (ImageEncoder encoder = new ImageEncoder(format, quality)) {
                return encoder.encode(frame);
            } finally {
                frame.release();
            }
        }
    }
}
