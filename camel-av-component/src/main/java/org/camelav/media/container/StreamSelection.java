package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_STREAM_NOT_FOUND;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.camelav.media.AvErrors;
import org.camelav.media.AvException;
import org.camelav.media.MediaType;
import org.camelav.media.StreamInfo;

/**
 * Which streams of an input to deliver, PyAV's {@code decode(video=0, audio=0)} as a string: {@code video},
 * {@code audio}, {@code subtitle}, {@code data}, {@code all}, {@code best} (best video and best audio),
 * {@code video:1} (the second video stream) or plain indexes, comma-separated. Empty: the best video stream, else the
 * best audio stream.
 */
final class StreamSelection {

    private StreamSelection() {
    }

    /** The stream indexes {@code spec} selects in an opened input, in index order. */
    static List<Integer> select(String spec, MediaInput input) {
        List<StreamInfo> all = input.streams();
        if (spec == null || spec.isBlank()) {
            int best = input.bestStream(MediaType.VIDEO);
            if (best < 0) {
                best = input.bestStream(MediaType.AUDIO);
            }
            if (best < 0) {
                throw AvErrors.exception("No video or audio stream in input (" + describe(all)
                                         + "); choose one with streams=", AVERROR_STREAM_NOT_FOUND, input.url());
            }
            return List.of(best);
        }
        TreeSet<Integer> out = new TreeSet<>();
        for (String token : spec.split(",")) {
            String t = token.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            if (t.equals("all")) {
                all.forEach(s -> out.add(s.index()));
                continue;
            }
            if (t.equals("best")) {
                for (MediaType type : new MediaType[] { MediaType.VIDEO, MediaType.AUDIO }) {
                    int best = input.bestStream(type);
                    if (best >= 0) {
                        out.add(best);
                    }
                }
                continue;
            }
            if (t.chars().allMatch(Character::isDigit)) {
                int idx = Integer.parseInt(t);
                if (idx >= all.size()) {
                    throw new AvException("No stream #" + idx + " (input has " + all.size() + ")", 0, input.url());
                }
                out.add(idx);
                continue;
            }
            String[] parts = t.split(":");
            MediaType type;
            try {
                type = MediaType.valueOf(parts[0].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid stream selection '" + token + "' in '" + spec + "'");
            }
            List<StreamInfo> ofType = all.stream().filter(s -> s.mediaType() == type).toList();
            if (parts.length > 1) {
                int n = Integer.parseInt(parts[1]);
                if (n >= ofType.size()) {
                    throw new AvException("No " + type.label() + " stream " + n + " (input has " + ofType.size() + ")",
                            0, input.url());
                }
                out.add(ofType.get(n).index());
            } else {
                if (ofType.isEmpty()) {
                    throw new AvException("No " + type.label() + " stream in input", 0, input.url());
                }
                ofType.forEach(s -> out.add(s.index()));
            }
        }
        if (out.isEmpty()) {
            // "best" on an input with only data or subtitle streams: nothing to deliver is an error, never an empty run
            throw AvErrors.exception("No stream selected by streams=" + spec + "; input has " + describe(all),
                    AVERROR_STREAM_NOT_FOUND, input.url());
        }
        return List.copyOf(out);
    }

    /** "#0 data (bin_data), #1 subtitle (mov_text)" or "no streams". */
    static String describe(List<StreamInfo> streams) {
        if (streams.isEmpty()) {
            return "no streams";
        }
        StringBuilder sb = new StringBuilder();
        for (StreamInfo s : streams) {
            sb.append(sb.length() == 0 ? "" : ", ").append('#').append(s.index()).append(' ')
                    .append(s.mediaType().label()).append(" (").append(s.codecName()).append(')');
        }
        return sb.toString();
    }
}
