package org.camelav.media.container;

import org.camelav.media.BitStreamFilters;
import org.camelav.media.MediaItem;
import org.camelav.media.video.Interpolation;
import org.camelav.media.video.VideoFrame;

/**
 * What a reader delivers and when, once the input is open and the decoders are set: stream selection, PyAV's
 * {@code frame.reformat(...)} and filter graphs, the bounds and the pacing. What {@link StreamChain} and the read loop
 * of {@link MediaReader} need. Built by {@link ReaderOptions.Builder}.
 *
 * @param packets       deliver demuxed packets instead of decoded frames
 * @param streams       which streams: comma-separated {@code video}, {@code audio}, {@code subtitle}, {@code data},
 *                      {@code all}, {@code best} (the best video and the best audio stream), {@code video:1} (second
 *                      video stream, PyAV's {@code decode(video=1)}) or a plain stream index. Null: the best video
 *                      stream, else the best audio stream
 * @param bsf           bitstream filters run on the delivered packets (packets mode)
 * @param zeroCopy      video frames lease FFmpeg's picture (or a pooled buffer) instead of copying it into a Java
 *                      array; the caller must {@link MediaItem#release()} each one (see {@link VideoFrame})
 * @param deferCopy     without zeroCopy: a video frame delivered unconverted keeps a reference to FFmpeg's picture
 *                      and copies it into its array only when {@link MediaItem#release()} is called (or the array is
 *                      asked for); such frames are not leased, stay valid after the release, and the caller must
 *                      release each one or the decoder's picture is held (the Camel consumer's default path)
 * @param filter        an FFmpeg video filter graph ({@code fps=5,scale=640:-1}) applied before pixel format and size
 *                      conversion
 * @param autorotate    deliver upright video pixels: apply the stream's display matrix with the filters
 *                      {@code ffmpeg -autorotate} inserts (before {@link #filter}), and drop the matrix from the
 *                      delivered stream facts
 * @param audioFilter   an FFmpeg audio filter graph ({@code volume=0.5,aresample=16000}) applied before sample format,
 *                      rate and layout conversion; its filters' frame metadata reaches {@link
 *                      org.camelav.media.audio.AudioFrame#metadata()}
 * @param startTime     seconds to seek to before reading; frames before it are decoded but not delivered
 * @param maxFrames     stop after this many items (frames or packets, all streams); 0 for no limit
 * @param duration      stop after this many seconds of media time; null for no limit
 * @param loop          start over at end of input (files)
 * @param realtime      pace delivery to the media timestamps, like {@code ffmpeg -re}
 */
public record DeliveryOptions(boolean packets, String streams, BitStreamFilters bsf, boolean zeroCopy,
        boolean deferCopy, String pixelFormat, int width, int height, Interpolation interpolation, String filter, boolean autorotate,
        String sampleFormat, int sampleRate, String channelLayout, String audioFilter, Double startTime,
        long maxFrames, Double duration, boolean loop, boolean realtime) {

    public DeliveryOptions {
        bsf = bsf == null ? BitStreamFilters.NONE : bsf;
    }
}
