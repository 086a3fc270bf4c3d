package org.camelav.converter;

import java.util.Map;

import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.camelav.media.Rational;
import org.camelav.media.StreamInfo;
import org.camelav.media.container.MediaInfo;

/** MediaInfo as JSON shaped like {@code ffprobe -of json -show_format -show_streams}: {"format": {...}, "streams": [...]}. */
final class MediaInfoJson {

    private MediaInfoJson() {
    }

    static String toJson(MediaInfo info) {
        JsonObject format = new JsonObject();
        format.put("filename", info.name());
        format.put("format_name", info.formatName());
        format.put("format_long_name", info.formatLongName());
        format.put("nb_streams", info.streams().size());
        format.put("start_time", info.startSeconds());
        format.put("duration", info.durationSeconds());
        format.put("bit_rate", info.bitRate());
        format.put("tags", new JsonObject(Map.copyOf(info.metadata())));
        JsonArray streams = new JsonArray();
        for (StreamInfo s : info.streams()) {
            JsonObject o = new JsonObject();
            o.put("index", s.index());
            o.put("codec_type", s.mediaType().label());
            o.put("codec_name", s.codecName());
            o.put("codec_long_name", s.codecLongName());
            o.put("profile", s.profile());
            o.put("time_base", s.timeBase().toString());
            o.put("start_pts", s.startTime());
            o.put("duration_ts", s.duration());
            o.put("duration", s.durationSeconds());
            o.put("nb_frames", s.frames());
            o.put("avg_frame_rate", rate(s.averageRate()));
            o.put("r_frame_rate", rate(s.baseRate()));
            o.put("guessed_frame_rate", rate(s.guessedRate()));
            o.put("bit_rate", s.bitRate());
            if (s.width() > 0) {
                o.put("width", s.width());
                o.put("height", s.height());
                o.put("pix_fmt", s.pixelFormat());
                if (s.colorRange() != null) {
                    o.put("color_range", s.colorRange());
                }
                if (s.colorSpace() != null) {
                    o.put("color_space", s.colorSpace());
                }
            }
            if (s.sampleRate() > 0) {
                o.put("sample_rate", s.sampleRate());
                o.put("channels", s.channels());
                o.put("sample_fmt", s.sampleFormat());
            }
            o.put("tags", new JsonObject(Map.copyOf(s.metadata())));
            streams.add(o);
        }
        JsonObject root = new JsonObject();
        root.put("format", format);
        root.put("streams", streams);
        return root.toJson();
    }

    private static String rate(Rational r) {
        return r == null ? null : r.toString();
    }
}
