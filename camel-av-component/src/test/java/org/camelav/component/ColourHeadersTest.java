package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.StreamInfo;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

/** CamelAvColorSpace/CamelAvColorRange on frames and in the stream info, with FFmpeg's names. */
class ColourHeadersTest extends CamelTestSupport {

    @Test
    void framesAndStreamInfoSayTheMatrixAndRange() throws Exception {
        Path clip = Path.of("target", "colour-headers-bt709-pc.mkv");
        if (!Files.exists(clip)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-frames:v", "3", "-vf",
                    "scale=out_color_matrix=bt709:out_range=pc,format=yuv420p", "-colorspace", "bt709", "-color_range",
                    "pc", "-c:v", "ffv1", clip.toString());
        }
        Exchange yuv = consumer.receive("av:" + clip + "?maxFrames=1", 20_000);
        assertEquals("bt709", yuv.getMessage().getHeader(AvConstants.COLOR_SPACE));
        assertEquals("pc", yuv.getMessage().getHeader(AvConstants.COLOR_RANGE));
        StreamInfo info = yuv.getMessage().getHeader(AvConstants.STREAM_INFO, StreamInfo.class);
        assertEquals("bt709", info.colorSpace());
        assertEquals("pc", info.colorRange());
        Exchange rgb = consumer.receive("av:" + clip + "?maxFrames=1&pixelFormat=bgr24", 20_000);
        assertEquals("gbr", rgb.getMessage().getHeader(AvConstants.COLOR_SPACE), "what the delivered pixels are");
        assertEquals("pc", rgb.getMessage().getHeader(AvConstants.COLOR_RANGE));
    }
}
