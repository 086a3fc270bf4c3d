package org.camelav.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded corpus of damaged media: eight small, healthy clips in eight containers (made by the bundled ffmpeg from
 * lavfi sources), each copied many times with byte flips, a truncation, a zeroed range or two swapped ranges. The
 * same seed and count give the same files, so a failing case can be rebuilt from its name.
 */
public final class DamagedMedia {

    /** One damaged file: the container it came from, what was done to it, and its bytes. */
    public record Case(String name, String container, String extension, String damage, byte[] bytes) {
        @Override
        public String toString() {
            return name + " (" + damage + ")";
        }
    }

    private record Source(String container, String extension, String[] codecArgs, boolean video, boolean audio) {
    }

    private static final List<Source> SOURCES = List.of(
            new Source("mp4", "mp4", new String[] { "-c:v", "mpeg4", "-c:a", "aac" }, true, true),
            new Source("mov", "mov", new String[] { "-c:v", "mjpeg", "-c:a", "pcm_s16le" }, true, true),
            new Source("matroska", "mkv", new String[] { "-c:v", "mpeg4", "-c:a", "flac" }, true, true),
            new Source("webm", "webm", new String[] { "-c:v", "libvpx", "-b:v", "200k", "-c:a", "libopus" }, true,
                    true),
            new Source("avi", "avi", new String[] { "-c:v", "mpeg4", "-c:a", "libmp3lame" }, true, true),
            new Source("mpegts", "ts", new String[] { "-c:v", "mpeg2video", "-c:a", "mp2" }, true, true),
            new Source("flv", "flv", new String[] { "-c:v", "flv", "-c:a", "aac" }, true, true),
            new Source("ogg", "ogg", new String[] { "-c:a", "libopus" }, false, true));

    private static final String[] DAMAGES = { "flip", "truncate", "zero", "swap" };

    private DamagedMedia() {
    }

    /** {@code count} damaged files from {@code seed}, spread evenly over the eight containers and four damages. */
    public static List<Case> corpus(long seed, int count, Path dir) {
        List<byte[]> clean = new ArrayList<>();
        for (Source s : SOURCES) {
            clean.add(source(s, dir));
        }
        Random random = new Random(seed);
        List<Case> cases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int si = i % SOURCES.size();
            Source s = SOURCES.get(si);
            String damage = DAMAGES[(i / SOURCES.size()) % DAMAGES.length];
            byte[] b = clean.get(si).clone();
            String how = damage(damage, b, random);
            byte[] bytes = damage.equals("truncate") ? java.util.Arrays.copyOf(b, Integer.parseInt(how)) : b;
            cases.add(new Case(String.format("fuzz-%d-%04d.%s", seed, i, s.extension()), s.container(), s.extension(),
                    damage + " " + how, bytes));
        }
        return cases;
    }

    /** Damages {@code b} in place (truncation: returns the length to keep) and says where. */
    public static String damage(String kind, byte[] b, Random r) {
        int n = b.length;
        switch (kind) {
            case "flip" -> {
                int flips = 1 + r.nextInt(32);
                StringBuilder at = new StringBuilder();
                for (int k = 0; k < flips; k++) {
                    int pos = r.nextInt(n);
                    b[pos] ^= (byte) (1 + r.nextInt(255));
                    if (k < 4) {
                        at.append(k == 0 ? "" : ",").append(pos);
                    }
                }
                return flips + " bytes at " + at + (flips > 4 ? ",..." : "");
            }
            case "truncate" -> {
                return String.valueOf(r.nextInt(n));
            }
            case "zero" -> {
                int from = r.nextInt(n);
                int len = 1 + r.nextInt(Math.max(1, Math.min(n - from, n / 4)));
                java.util.Arrays.fill(b, from, from + len, (byte) 0);
                return len + " bytes from " + from;
            }
            default -> {
                int len = 1 + r.nextInt(Math.max(1, n / 8));
                int a = r.nextInt(n - len + 1);
                int c = r.nextInt(n - len + 1);
                byte[] tmp = java.util.Arrays.copyOfRange(b, a, a + len);
                System.arraycopy(b, c, b, a, len);
                System.arraycopy(tmp, 0, b, c, len);
                return len + " bytes " + a + "<->" + c;
            }
        }
    }

    /** A one-second clip (25 frames of 96x64 testsrc2, 8 kHz mono sine) in the source's container. */
    private static byte[] source(Source s, Path dir) {
        Path file = dir.resolve("clean." + s.extension());
        try {
            Files.createDirectories(dir);
            if (!Files.exists(file)) {
                List<String> args = new ArrayList<>();
                if (s.video()) {
                    args.addAll(List.of("-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25"));
                }
                if (s.audio()) {
                    args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"));
                }
                args.addAll(List.of("-t", "1", "-g", "5", "-ac", "1"));
                args.addAll(List.of(s.codecArgs()));
                args.addAll(List.of("-f", s.container(), file.toString()));
                FfmpegCli.ffmpeg(args.toArray(String[]::new));
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
