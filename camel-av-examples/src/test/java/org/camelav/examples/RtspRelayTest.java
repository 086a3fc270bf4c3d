package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.logging.log4j.Level;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

class RtspRelayTest {

    @Test
    void relaysALiveRtspStreamReencodedToH264IntoALocalReceiver() throws Exception {
        RtspRelay.Result r;
        try (CapturedLog encoderLog = new CapturedLog("org.camelav.media.codec.Encoder")) {
            r = RtspRelay.runLocal(Path.of("target", "rtsp-relay"), 4);
            if ("libopenh264".equals(r.encoder())) {
                // the LGPL build: libx264's options are reported, not silently dropped (in no particular order)
                List<String> ignored = encoderLog.events().stream().filter(e -> e.level() == Level.WARN)
                        .map(CapturedLog.Event::message).filter(m -> m.startsWith("Encoder libopenh264 ignored options"))
                        .toList();
                assertEquals(1, ignored.size(), encoderLog.events().toString());
                for (String option : List.of("preset", "crf", "tune")) {
                    assertTrue(ignored.get(0).contains(option), ignored.get(0));
                }
            } else {
                assertEquals("libx264", r.encoder());
                assertEquals(0, encoderLog.count(Level.WARN, "ignored options"), encoderLog.events().toString());
            }
        }
        assertEquals(100, r.frames(), "4 s of a 25 fps camera");
        assertEquals(0, r.receiverExit(), "the receiver saw a clean end (RTSP TEARDOWN) and finished its file");
        Path mkv = r.recording();
        assertTrue(Files.size(mkv) > 10_000, mkv + " has " + Files.size(mkv) + " bytes");
        assertEquals(List.of("h264", "640", "360"), FfmpegCli.probeValues(mkv, "v:0", "stream=codec_name,width,height"));
        long frames = FfmpegCli.countFrames(mkv, "v:0");
        // RTP over TCP loses nothing; the receiver may only miss what it got before its first key frame
        assertTrue(frames >= 95 && frames <= 100, "frames recorded: " + frames);
        double duration = Double.parseDouble(FfmpegCli.probeValues(mkv, "v:0", "format=duration").get(0));
        assertEquals(4.0, duration, 0.3);
    }
}
