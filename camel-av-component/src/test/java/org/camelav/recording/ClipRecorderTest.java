package org.camelav.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;
import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clips around triggers, located in the source by ffprobe's packet hashes. */
class ClipRecorderTest {

    @TempDir
    Path dir;

    private List<RecordedFile> record(double preRoll, double postRoll, double... triggers) {
        ClipRecorder r = new ClipRecorder(new RecordingOptions(
                new PathPattern(dir.resolve("clips/cam1-%H%M%S.mp4").toString(), ZoneOffset.UTC),
                WriterOptions.of("unused.mp4"), 60, SegmentClock.CAMERA, 0, 0, preRoll, postRoll));
        List<RecordedFile> closed = new ArrayList<>();
        int next = 0;
        for (MediaPacket p : RecordingFixture.packets()) {
            double t = PacketClock.seconds(p);
            RecordedFile f = r.write(p, 1_000_000_000_000_000L + Math.round(t * 1e6), null);
            if (f != null) {
                closed.add(f);
            }
            if (next < triggers.length && p.mediaType() == MediaType.VIDEO && t >= triggers[next]) {
                r.trigger();
                next++;
            }
        }
        assertNull(r.finish(), "the clips closed on their own");
        return closed;
    }

    /** Source time of the clip's first and last video packet, by their data hashes. */
    private static double[] span(Path clip) {
        List<String> source = RecordingFixture.videoHashes(RecordingFixture.SOURCE);
        List<String> times = FfmpegCli.probeValues(RecordingFixture.SOURCE, "v:0", "packet=pts_time");
        List<String> hashes = RecordingFixture.videoHashes(clip);
        int first = source.indexOf(hashes.get(0));
        int last = source.indexOf(hashes.get(hashes.size() - 1));
        assertEquals(hashes, source.subList(first, last + 1), "a contiguous run of the source's packets");
        return new double[] { Double.parseDouble(times.get(first)), Double.parseDouble(times.get(last)) };
    }

    @Test
    void aTriggerWritesPreRollAndPostRoll() {
        List<RecordedFile> clips = record(5, 5, 12);
        assertEquals(1, clips.size());
        Path clip = clips.get(0).path();
        double[] span = span(clip);
        assertEquals(7.0, span[0], 1.0, "from trigger - preRoll, within one GOP");
        assertTrue(span[0] <= 7.0, "never later than trigger - preRoll");
        assertEquals(17.0, span[1], 0.1, "to trigger + postRoll");
        assertTrue(RecordingFixture.videoFlags(clip).get(0).startsWith("K"));
        assertEquals(0.0, RecordingFixture.firstPts(clip, "v:0"), 0.001);
        assertEquals(RecordingFixture.videoFlags(clip).size(), FfmpegCli.countFrames(clip, "v:0"));
        assertEquals(10.0, clips.get(0).duration(), 0.1);
    }

    @Test
    void overlappingTriggersGiveOneLongerClip() {
        List<RecordedFile> clips = record(5, 5, 12, 14);
        assertEquals(1, clips.size(), clips.toString());
        double[] span = span(clips.get(0).path());
        assertEquals(7.0, span[0], 1.0);
        assertEquals(19.0, span[1], 0.1, "to the second trigger + postRoll");
    }

    @Test
    void preRollMemoryIsBoundedByPreRollPlusOneGop() {
        ClipRecorder r = new ClipRecorder(new RecordingOptions(
                new PathPattern(dir.resolve("c-%s.mp4").toString(), ZoneOffset.UTC), WriterOptions.of("unused.mp4"),
                60, SegmentClock.CAMERA, 0, 0, 3, 5));
        List<MediaPacket> packets = RecordingFixture.packets();
        long maxWindow = 0;
        for (int i = 0; i < packets.size(); i++) {
            r.write(packets.get(i), 0, null);
            double t = PacketClock.seconds(packets.get(i));
            long window = 0; // bytes of the last preRoll + 1 GOP (1 s) of the source
            for (int j = i; j >= 0 && PacketClock.seconds(packets.get(j)) > t - 4.05; j--) {
                window += packets.get(j).size();
            }
            maxWindow = Math.max(maxWindow, window);
            assertTrue(r.bufferedBytes() <= window, "at " + t + ": " + r.bufferedBytes() + " > " + window);
        }
        assertTrue(r.maxBufferedBytes() > 0 && r.maxBufferedBytes() <= maxWindow);
    }
}
