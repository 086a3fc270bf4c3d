package org.camelav.media.filter;

import static org.bytedeco.ffmpeg.global.avfilter.AV_BUFFERSRC_FLAG_KEEP_REF;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_time_base;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_create_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_parse_ptr;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_strdup;

import java.util.Map;

import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.camelav.media.AvDictionary;
import org.camelav.media.AvErrors;
import org.camelav.media.Rational;

/**
 * A simple (one in, one out) filter graph, {@code ffmpeg -vf}/{@code -af} style, following FFmpeg's
 * filtering_video.c and filtering_audio.c examples: a buffer source, the user's chain, a buffer sink. Built from the
 * first frame, since the source needs its parameters and time base; rebuilt, as fftools' ffmpeg_filter.c does
 * ({@code need_reinit}), when a frame arrives with other parameters (a camera reconfigured mid-stream, an HLS variant
 * switch, a stream that changes its sample rate): the old graph is drained first, so every frame it holds comes out,
 * in order, before the first frame of the new graph. Subclasses say which source and which parameters.
 */
public abstract class SimpleFilterGraph implements AutoCloseable {

    private final String description;
    private AVFilterGraph graph;
    private AVFilterContext source;
    private AVFilterContext sink;
    private Rational outputTimeBase;
    /** What the graph was built for (see {@link #parameters}). */
    private String input;
    /** The first frame with new parameters, fed to the rebuilt graph once the old one is drained; and its time base. */
    private AVFrame pending;
    private Rational pendingTimeBase;

    SimpleFilterGraph(String description) {
        this.description = description;
    }

    /** The buffer source filter: {@code buffer} or {@code abuffer}. */
    abstract String sourceFilter();

    /** The buffer sink filter: {@code buffersink} or {@code abuffersink}. */
    abstract String sinkFilter();

    /** The source's arguments for frames like {@code f} in time base {@code tb}. */
    abstract String sourceArguments(AVFrame f, Rational tb);

    /** The frame parameters the graph is built for: a frame with others rebuilds it. */
    abstract String parameters(AVFrame f);

    /** Makes a frame acceptable to the source, before anything reads its parameters. */
    void prepare(AVFrame f) {
    }

    /** Time base of the frames {@link #pull} returns; valid after the first {@link #push}. */
    public Rational outputTimeBase() {
        return outputTimeBase;
    }

    /** Feeds a decoded frame (the caller keeps its reference), or null at end of stream. */
    public void push(AVFrame frame, Rational timeBase) {
        if (frame != null) {
            prepare(frame);
        }
        if (graph == null) {
            if (frame == null) {
                return;
            }
            build(frame, timeBase);
        } else if (frame != null && !parameters(frame).equals(input)) {
            // drain the old graph (end of its stream); pull() rebuilds it for this frame once it is empty
            AvErrors.check(av_buffersrc_add_frame_flags(source, null, 0), "Cannot drain filter graph '" + description
                                                                          + "'");
            pending = av_frame_clone(frame);
            pendingTimeBase = timeBase;
            return;
        }
        feed(frame);
    }

    private void feed(AVFrame frame) {
        AvErrors.check(av_buffersrc_add_frame_flags(source, frame, AV_BUFFERSRC_FLAG_KEEP_REF),
                "Cannot feed filter graph '" + description + "'");
    }

    /**
     * Takes the next filtered frame into {@code out}; false when the graph needs more input or is drained. The frame's
     * time base is {@link #outputTimeBase()} as it is right after this call (a rebuilt graph may have another).
     */
    public boolean pull(AVFrame out) {
        if (graph == null) {
            return false;
        }
        int ret = av_buffersink_get_frame(sink, out);
        if (ret == AvErrors.EOF && pending != null) {
            rebuild();
            return pull(out);
        }
        if (ret == AvErrors.EAGAIN || ret == AvErrors.EOF) {
            return false;
        }
        AvErrors.check(ret, "Filter graph '" + description + "' failed");
        return true;
    }

    /**
     * What the filters wrote into a frame's metadata ({@code AVFrame.metadata}): reporting filters such as
     * silencedetect, ebur128 (metadata=1), astats (metadata=1), blackdetect or scdet put their measurements there as
     * {@code lavfi.*} entries, the ones ffprobe shows as frame tags. Empty when there are none.
     */
    public static Map<String, String> metadata(AVFrame f) {
        return f.metadata() == null || f.metadata().isNull() ? Map.of() : AvDictionary.entries(f.metadata());
    }

    private void rebuild() {
        AVFrame first = pending;
        pending = null;
        try {
            avfilter_graph_free(graph);
            graph = null;
            build(first, pendingTimeBase);
            feed(first);
        } finally {
            av_frame_free(first);
        }
    }

    private void build(AVFrame f, Rational tb) {
        input = parameters(f);
        graph = avfilter_graph_alloc();
        source = new AVFilterContext();
        sink = new AVFilterContext();
        AvErrors.check(avfilter_graph_create_filter(source, avfilter_get_by_name(sourceFilter()), "in",
                sourceArguments(f, tb), null, graph), "Cannot create filter source");
        AvErrors.check(avfilter_graph_create_filter(sink, avfilter_get_by_name(sinkFilter()), "out", null, null,
                graph), "Cannot create filter sink");
        AVFilterInOut outputs = avfilter_inout_alloc();
        AVFilterInOut inputs = avfilter_inout_alloc();
        try {
            outputs.name(strdup("in")).filter_ctx(source).pad_idx(0).next(null);
            inputs.name(strdup("out")).filter_ctx(sink).pad_idx(0).next(null);
            AvErrors.check(avfilter_graph_parse_ptr(graph, description, inputs, outputs, (Pointer) null),
                    "Invalid filter graph '" + description + "'");
            AvErrors.check(avfilter_graph_config(graph, null), "Cannot configure filter graph '" + description + "'");
        } finally {
            avfilter_inout_free(inputs);
            avfilter_inout_free(outputs);
        }
        try (AVRational r = av_buffersink_get_time_base(sink)) {
            outputTimeBase = Rational.of(r);
        }
    }

    private static BytePointer strdup(String s) {
        try (BytePointer tmp = new BytePointer(s)) {
            return av_strdup(tmp); // freed by avfilter_inout_free
        }
    }

    /**
     * Forgets the graph, drained or not, so that the next {@link #push} builds a new one: a graph that saw the end of
     * its stream takes no more frames (a looped input starting over).
     */
    public void reset() {
        close();
    }

    @Override
    public void close() {
        if (pending != null) {
            av_frame_free(pending);
            pending = null;
        }
        if (graph != null) {
            avfilter_graph_free(graph); // frees every filter context in it
            graph = null;
        }
    }
}
