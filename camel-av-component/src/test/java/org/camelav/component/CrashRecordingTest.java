package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kill -9 of a JVM recording a paced source (25 fps, GOP 25) in the middle of a 60 s segment: the open file is
 * readable and holds what was recorded up to the kill, minus at most the GOP being written (an .mp4 is written in
 * fragments at every key frame by default; .ts and .mkv packet by packet).
 */
class CrashRecordingTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({ "mp4, 25", "mkv, 25", "ts, 2" })
    void aKilledRecorderLosesAtMostTheGopBeingWritten(String ext, int maxLost) throws Exception {
        // H.264: an MPEG-4 Part 2 copy into .ts does not decode (with ffmpeg -c copy either)
        Path source = Path.of("target", "test-media", "h264-250f-gop25.mp4");
        if (!Files.exists(source)) {
            Files.createDirectories(source.getParent());
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "250", "-c:v",
                    "libopenh264", "-g", "25", source.toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RecordingChild.class.getName(), source.toString(), dir + "/cam-%H%M%S." + ext)
                .redirectErrorStream(true).start();
        AtomicLong wrote = new AtomicLong();
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    if (l.startsWith("WROTE ")) {
                        wrote.set(Long.parseLong(l.substring(6)));
                    } else {
                        log.append(l).append('\n');
                    }
                }
            } catch (Exception e) {
                // the child is gone
            }
        });
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // 4.5 s of video: past four key frames, mid-GOP
            while (wrote.get() < 112 && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(10);
            }
            assertTrue(wrote.get() >= 112, "the child recorded " + wrote.get() + " packets:\n" + log);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no trailer
            child.waitFor(10, TimeUnit.SECONDS);
            reader.join(5_000);
        }
        long recorded = wrote.get();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith("." + ext)).toList();
        }
        assertEquals(1, files.size(), files.toString());
        long frames = FfmpegCli.countFrames(files.get(0), "v:0");
        System.out.printf("kill -9 mid-segment, .%s: %d packets recorded, %d frames readable, %d lost%n", ext,
                recorded, frames, recorded - frames);
        assertTrue(frames >= recorded - maxLost, "." + ext + ": " + frames + " readable of " + recorded);
    }
}
