package org.camelav.media.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camelav.media.MediaItem;
import org.camelav.media.container.MediaOperations;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pictures converted with the source's colour matrix and range, against the bundled ffmpeg's conversion of the same
 * frame (±3 per channel): a BT.709-tagged clip, a full-range VP9 clip, a 10-bit one; images written in JPEG's own
 * BT.601 full range; encoded streams tagged as ffmpeg tags them.
 */
class ColourFidelityTest {

    private static final Path DIR = Path.of("target", "colour");
    /** Solid (B,G,R) = (64,192,32) in BT.709 limited range. */
    private static final Path BT709 = DIR.resolve("bt709.mkv");
    /** Solid (B,G,R) = (192,64,32), full range, VP9 as browsers and phones write it. */
    private static final Path VP9_PC = DIR.resolve("vp9-pc.webm");
    private static final Path TEN_BIT = DIR.resolve("ffv1-10bit.mkv");

    @BeforeAll
    static void clips() throws Exception {
        Files.createDirectories(DIR);
        if (!Files.exists(BT709)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "color=c=0x20C040:size=160x120:rate=25", "-frames:v", "5", "-vf",
                    "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p", "-colorspace", "bt709",
                    "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv", "-c:v", "ffv1",
                    BT709.toString());
        }
        if (!Files.exists(VP9_PC)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "color=c=0x2040C0:size=160x120:rate=25", "-frames:v", "5", "-vf",
                    "scale=out_range=pc,format=yuv420p", "-color_range", "pc", "-c:v", "libvpx-vp9", "-lossless", "1",
                    VP9_PC.toString());
        }
        if (!Files.exists(TEN_BIT)) {
            // solid, so chroma interpolation at edges (bilinear here, bicubic in the CLI) is not what is compared
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "color=c=0xC08020:size=160x120:rate=25", "-frames:v", "5", "-vf",
                    "format=yuv420p10le", "-c:v", "ffv1", TEN_BIT.toString());
        }
    }

    private static VideoFrame first(ReaderOptions o) {
        List<MediaItem> items = Await.readAll(o.toBuilder().maxFrames(1).build());
        return (VideoFrame) items.get(0);
    }

    private static VideoFrame bgr24(Path clip) {
        return first(ReaderOptions.builder(clip.toString()).pixelFormat("bgr24").build());
    }

    private static void assertClose(byte[] expected, byte[] actual, int tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": size");
        int worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs((expected[i] & 0xff) - (actual[i] & 0xff)));
        }
        assertTrue(worst <= tolerance, what + ": differs by up to " + worst + " from ffmpeg (first pixel ffmpeg "
                                       + bgr(expected) + ", camel-av " + bgr(actual) + ")");
    }

    private static String bgr(byte[] p) {
        return "(" + (p[0] & 0xff) + "," + (p[1] & 0xff) + "," + (p[2] & 0xff) + ")";
    }

    @Test
    void bt709SourceConvertsWithItsOwnMatrix() {
        VideoFrame v = bgr24(BT709);
        assertClose(FfmpegCli.bgr24Frame(BT709, 0), v.data(), 3, "bt709 -> bgr24");
        assertEquals("gbr", v.colorimetry().spaceName());
        VideoFrame yuv = first(ReaderOptions.of(BT709.toString()));
        assertEquals("bt709", yuv.colorimetry().spaceName(), "the delivered yuv420p keeps its tags");
        assertEquals("tv", yuv.colorimetry().rangeName());
    }

    @Test
    void fullRangeVp9ConvertsWithItsRange() {
        VideoFrame v = bgr24(VP9_PC);
        byte[] ffmpeg = FfmpegCli.bgr24Frame(VP9_PC, 0);
        assertClose(ffmpeg, v.data(), 3, "vp9 pc -> bgr24");
        assertClose(new byte[] { (byte) 192, 64, 32 }, java.util.Arrays.copyOf(v.data(), 3), 3, "the source colour");
        assertEquals("pc", first(ReaderOptions.of(VP9_PC.toString())).colorimetry().rangeName());
    }

    @Test
    void tenBitSourcesStillConvert() {
        assertClose(FfmpegCli.bgr24Frame(TEN_BIT, 0), bgr24(TEN_BIT).data(), 3, "yuv420p10le -> bgr24");
    }

    @Test
    void sizeChangesKeepTheMatrix() {
        VideoFrame v = first(ReaderOptions.builder(BT709.toString()).pixelFormat("bgr24").width(80).height(60).build());
        byte[] ffmpeg = FfmpegCli.bgr24Frame(BT709, 0);
        assertClose(java.util.Arrays.copyOf(ffmpeg, 3), java.util.Arrays.copyOf(v.data(), 3), 3, "scaled");
    }

    @Test
    void jpegThumbnailsAreWrittenInJfifsBt601SoTheyDecodeToTheSourceColours() throws Exception {
        byte[] jpeg = MediaOperations.thumbnail(ReaderOptions.of(BT709.toString()), null, ImageFormat.JPEG, 95);
        VideoFrame decoded;
        try (ImageDecoder d = new ImageDecoder("bgr24")) {
            decoded = d.decode(jpeg);
        }
        byte[] source = FfmpegCli.bgr24Frame(BT709, 0);
        assertClose(java.util.Arrays.copyOf(source, 3), java.util.Arrays.copyOf(decoded.data(), 3), 3,
                "JPEG of a bt709 frame, decoded");
        // the ffmpeg program keeps the BT.709 numbers in its JPEG, tagged BT.601: its thumbnail decodes shifted
        Path cli = DIR.resolve("ffmpeg-thumb.jpg");
        FfmpegCli.ffmpeg("-i", BT709.toString(), "-frames:v", "1", "-q:v", "2", cli.toString());
        byte[] shifted = FfmpegCli.bgr24Frame(cli, 0);
        assertTrue(Math.abs((shifted[1] & 0xff) - (source[1] & 0xff)) > 10, "ffmpeg's quirk still there: "
                                                                           + bgr(shifted) + " vs " + bgr(source));
    }

    @Test
    void encodedStreamsAreTaggedAsFfmpegTagsThem() throws Exception {
        for (Path clip : List.of(BT709, VP9_PC)) {
            Path ours = DIR.resolve("ours-" + clip.getFileName() + ".mp4");
            Path theirs = DIR.resolve("ffmpeg-" + clip.getFileName() + ".mp4");
            Files.deleteIfExists(ours);
            MediaOperations.transcode(ReaderOptions.of(clip.toString()),
                    WriterOptions.builder(ours.toString()).codec("libopenh264").build());
            FfmpegCli.ffmpeg("-i", clip.toString(), "-c:v", "libopenh264", theirs.toString());
            String entries = "stream=color_space,color_range";
            assertEquals(FfmpegCli.probeValues(theirs, "v:0", entries), FfmpegCli.probeValues(ours, "v:0", entries),
                    clip.getFileName().toString());
            assertClose(FfmpegCli.bgr24Frame(theirs, 0), FfmpegCli.bgr24Frame(ours, 0), 3, "decoded output");
        }
    }

    @Test
    void rgbAndGrayEncodersOpenWithTheRangeTheyTake() throws Exception {
        Path png = DIR.resolve("png-%03d.png");
        MediaOperations.transcode(ReaderOptions.of(BT709.toString()), WriterOptions.builder(png.toString()).build());
        assertTrue(Files.exists(DIR.resolve("png-001.png")), "png written");
        for (String fmt : List.of("bgr0", "gray")) {
            Path mkv = DIR.resolve("ffv1-" + fmt + ".mkv");
            Files.deleteIfExists(mkv);
            MediaOperations.transcode(ReaderOptions.of(VP9_PC.toString()),
                    WriterOptions.builder(mkv.toString()).codec("ffv1").pixelFormat(fmt).build());
            assertEquals(5, FfmpegCli.countFrames(mkv, "v:0"), fmt);
        }
    }
}
