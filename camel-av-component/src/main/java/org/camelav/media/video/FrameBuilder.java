package org.camelav.media.video;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelav.media.AvErrors;

/** The encoder's input frame: packed pixels of any format/size converted into an encoder-owned AVFrame. */
public final class FrameBuilder implements AutoCloseable {
    private final int width;
    private final int height;
    private final int pixelFormat;
    private final VideoScaler scaler;
    private AVFrame frame;

    public FrameBuilder(int width, int height, int pixelFormat, Interpolation interpolation) {
        this.width = width;
        this.height = height;
        this.pixelFormat = pixelFormat;
        this.scaler = new VideoScaler(interpolation);
        frame = av_frame_alloc();
        frame.width(width).height(height).format(pixelFormat);
        AvErrors.check(av_frame_get_buffer(frame, 0), "Cannot allocate frame");
    }

    public AVFrame fill(VideoFrame v) {
        // the encoder may still reference the previous picture
        AvErrors.check(av_frame_make_writable(frame), "Cannot make frame writable");
        int sf = VideoFrame.pixelFormatId(v.pixelFormat());
        FrameLease lease = v.lease();
        if (lease != null) {
            // a zero-copy frame goes from FFmpeg's picture to the encoder's without passing through Java memory
            lease.scaleInto(scaler, v.width(), v.height(), sf, frame, width, height, pixelFormat);
        } else {
            scaler.scale(v.data(), v.width(), v.height(), sf, frame, width, height, pixelFormat);
        }
        return frame;
    }

    @Override
    public void close() {
        scaler.close();
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
    }
}
