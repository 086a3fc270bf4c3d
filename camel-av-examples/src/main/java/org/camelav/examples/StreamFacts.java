package org.camelav.examples;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.camelav.component.AvConstants;
import org.camelav.media.Rational;
import org.camelav.media.StreamInfo;
import org.camelav.media.container.MediaInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Obtain Total Frame": the facts PyAV's {@code container.streams.video[0]} gives ({@code frames}, {@code duration},
 * {@code time_base}, {@code average_rate}, {@code base_rate}, {@code guessed_rate}), read from the
 * {@code CamelAvStreamInfo} header of the first exchange. Containers such as Matroska store no frame count
 * ({@code frames} is 0, as in PyAV), so the frames are also counted by demuxing the stream's packets
 * ({@code mode=packets}, nothing decoded).
 * <p>
 * Arguments: input video (default: a generated 4 s, 25 fps testsrc2 clip in {@code output/stream-facts}).
 */
public final class StreamFacts {

    private static final Logger LOG = LoggerFactory.getLogger(StreamFacts.class);

    /**
     * @param frames        the container's frame count (PyAV {@code stream.frames}); 0 when it stores none
     * @param countedFrames packets of the stream, counted by demuxing the whole file
     * @param duration      stream duration in time-base units (PyAV {@code stream.duration}), null when unknown
     * @param seconds       stream duration in seconds, else the container's
     */
    public record Facts(long frames, long countedFrames, Long duration, Double seconds, Rational timeBase,
            Rational averageRate, Rational baseRate, Rational guessedRate, String codec, int width, int height) {
    }

    private StreamFacts() {
    }

    public static void main(String[] args) throws Exception {
        Path input = args.length > 0 ? Path.of(args[0])
                : Examples.generateClip(Path.of("output", "stream-facts", "source.mp4"), 4, 25, "320x240");
        run(input);
    }

    public static Facts run(Path input) throws Exception {
        AtomicReference<StreamInfo> info = new AtomicReference<>();
        Examples.runToEnd("av:" + input + "?mode=packets&maxFrames=1",
                route -> route.process(e -> info.set(e.getMessage().getHeader(AvConstants.STREAM_INFO, StreamInfo.class))));
        AtomicLong packets = new AtomicLong();
        Examples.runToEnd("av:" + input + "?mode=packets&streams=" + info.get().index(),
                route -> route.process(e -> packets.incrementAndGet()));
        StreamInfo v = info.get();
        Double seconds = v.durationSeconds();
        if (seconds == null) {
            try (MediaInput in = MediaInput.open(input.toString(), null, null, 10_000)) {
                seconds = in.durationSeconds();
            }
        }
        Facts f = new Facts(v.frames(), packets.get(), v.duration(), seconds, v.timeBase(), v.averageRate(),
                v.baseRate(), v.guessedRate(), v.codecName(), v.width(), v.height());
        LOG.info("{}: stream #{} {} {}x{}", input, v.index(), f.codec(), f.width(), f.height());
        LOG.info("  frames        {}{}", f.frames(), f.frames() == 0 ? " (not stored by the container)" : "");
        LOG.info("  counted       {} (packets demuxed)", f.countedFrames());
        LOG.info("  duration      {} (time-base units), {} s", f.duration(), f.seconds());
        LOG.info("  time_base     {}", f.timeBase());
        LOG.info("  average_rate  {}", f.averageRate());
        LOG.info("  base_rate     {}", f.baseRate());
        LOG.info("  guessed_rate  {}", f.guessedRate());
        return f;
    }
}
