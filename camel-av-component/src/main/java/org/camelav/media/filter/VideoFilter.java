package org.camelav.media.filter;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelav.media.Rational;

/**
 * A video filter graph ({@code ffmpeg -vf}): rebuilt when a frame arrives with another size, pixel format or sample
 * aspect ratio (see {@link SimpleFilterGraph}).
 */
public final class VideoFilter extends SimpleFilterGraph {

    public VideoFilter(String description) {
        super(description);
    }

    @Override
    String sourceFilter() {
        return "buffer";
    }

    @Override
    String sinkFilter() {
        return "buffersink";
    }

    @Override
    String sourceArguments(AVFrame f, Rational tb) {
        return "video_size=" + f.width() + "x" + f.height() + ":pix_fmt=" + f.format() + ":time_base=" + tb
               + ":pixel_aspect=" + Math.max(0, f.sample_aspect_ratio().num()) + "/"
               + Math.max(1, f.sample_aspect_ratio().den())
               // the frames' colour matrix and range, as the ffmpeg CLI sets them: without, a tagged frame (every MJPEG
               // one) makes the buffer source warn "Changing video frame properties on the fly"
               + ":colorspace=" + f.colorspace() + ":range=" + f.color_range();
    }

    @Override
    String parameters(AVFrame f) {
        return f.width() + "x" + f.height() + "/" + f.format() + "/" + f.sample_aspect_ratio().num() + ":"
               + f.sample_aspect_ratio().den() + "/" + f.colorspace() + "/" + f.color_range();
    }
}
