package org.camelav.media.io;

import static org.bytedeco.ffmpeg.global.avformat.avio_enum_protocols;

import java.util.List;
import java.util.TreeMap;

import org.bytedeco.javacpp.BytePointer;
import org.camelav.media.Ffmpeg;

/**
 * One URL protocol of this FFmpeg build, as {@code ffmpeg -protocols} lists it ({@code avio_enum_protocols}): what a
 * path such as {@code rtsp://}, {@code srt://} or {@code file:} can use, and which way.
 *
 * @param name   {@code file}, {@code http}, {@code rtmp}, {@code srt}, {@code tcp}...
 * @param input  it can be read
 * @param output it can be written
 */
public record ProtocolInfo(String name, boolean input, boolean output) {

    /** Every protocol of this build, by name. */
    public static List<ProtocolInfo> all() {
        List<String> in = names(0);
        List<String> out = names(1);
        TreeMap<String, ProtocolInfo> all = new TreeMap<>();
        in.forEach(n -> all.put(n, new ProtocolInfo(n, true, out.contains(n))));
        out.forEach(n -> all.putIfAbsent(n, new ProtocolInfo(n, false, true)));
        return List.copyOf(all.values());
    }

    private static List<String> names(int output) {
        return Ffmpeg.iterate(o -> avio_enum_protocols(o, output)).stream().map(BytePointer::getString).toList();
    }
}
