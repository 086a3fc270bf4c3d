package org.camelav.component;

import java.util.List;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.camelav.media.StreamInfo;
import org.camelav.media.codec.CodecInfo;
import org.camelav.media.codec.HwAccel;
import org.camelav.media.filter.FilterInfo;
import org.camelav.recording.RecordingStats;

/**
 * The {@code av} dev console ({@code camel get av}, the developer console, {@code /q/dev} and the like): every av
 * endpoint with its started consumers (state, counters, stream facts, last error) and producers (counters, last
 * error). It reads the same stats objects as JMX, the health checks and Micrometer.
 */
@DevConsole(name = "av", displayName = "AV (FFmpeg)", description = "camel-av endpoints: cameras, files and outputs")
public class AvDevConsole extends AbstractDevConsole {

    public AvDevConsole() {
        super("camel", "av", "AV (FFmpeg)", "camel-av endpoints: cameras, files and outputs");
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonArray endpoints = new JsonArray();
        for (Endpoint e : getCamelContext().getEndpoints()) {
            if (e instanceof AvEndpoint av) {
                JsonObject jo = new JsonObject();
                jo.put("uri", "av:" + av.maskedUrl());
                JsonArray consumers = new JsonArray();
                av.consumers().forEach(c -> consumers.add(consumer(c)));
                jo.put("consumers", consumers);
                JsonArray producers = new JsonArray();
                av.producers().forEach(p -> producers.add(producer(p)));
                jo.put("producers", producers);
                RecordingStats rec = av.recording().stats();
                if (rec != null) {
                    jo.put("recording", recording(av.recording(), rec));
                }
                endpoints.add(jo);
            }
        }
        JsonObject root = new JsonObject();
        root.put("endpoints", endpoints);
        root.put("ffmpeg", ffmpeg());
        return root;
    }

    private static volatile JsonObject ffmpeg;

    /**
     * What the bundled FFmpeg can do, in short (operation=codecs, hwaccels... give it whole), so that a console user
     * sees which hardware encoders and device types exist before writing a route; computed once, it never changes.
     */
    private static JsonObject ffmpeg() {
        JsonObject f = ffmpeg;
        if (f == null) {
            List<CodecInfo> codecs = CodecInfo.all();
            f = new JsonObject();
            f.put("encoders", codecs.stream().filter(CodecInfo::encoder).count());
            f.put("decoders", codecs.stream().filter(CodecInfo::decoder).count());
            f.put("hardwareEncoders", new JsonArray(codecs.stream().filter(c -> c.encoder() && c.hardware())
                    .map(CodecInfo::name).toList()));
            f.put("hwaccels", new JsonArray(HwAccel.types()));
            f.put("filters", FilterInfo.all().size());
            ffmpeg = f;
        }
        return f;
    }

    private static JsonObject consumer(AvConsumer c) {
        AvConsumerStats s = c.stats();
        JsonObject jo = new JsonObject();
        jo.put("routeId", c.getRouteId());
        jo.put("state", s.state());
        put(jo, AvConsumerStats.FIGURES, s);
        if (s.video() != null) {
            jo.put("video", s.video());
        }
        StreamInfo st = s.lastStream();
        if (st != null) {
            JsonObject so = new JsonObject();
            so.put("index", st.index());
            so.put("mediaType", st.mediaType().label());
            so.put("codec", st.codecName());
            so.put("profile", st.profile());
            if (st.averageRate() != null) {
                so.put("averageRate", st.averageRate().toString());
            }
            so.put("bitRate", st.bitRate());
            jo.put("stream", so);
        }
        if (s.lastError() != null) {
            jo.put("lastError", s.lastError().getMessage());
        }
        return jo;
    }

    private static JsonObject recording(AvRecording r, RecordingStats s) {
        JsonObject jo = new JsonObject();
        jo.put("state", s.failingInARow() >= AvRecordingHealthCheck.FAILED_IN_A_ROW ? "FAILED" : "RECORDING");
        put(jo, AvRecording.FIGURES, r);
        if (s.lastFile() != null) {
            jo.put("lastFile", s.lastFile().toString());
        }
        if (s.lastError() != null) {
            jo.put("lastError", s.lastError());
        }
        return jo;
    }

    private static JsonObject producer(AvProducer p) {
        AvProducerStats s = p.stats();
        JsonObject jo = new JsonObject();
        jo.put("state", s.isFailing() ? "FAILED" : s.isWriting() ? "WRITING" : "IDLE");
        put(jo, AvProducerStats.FIGURES, s);
        if (s.lastError() != null) {
            jo.put("lastError", s.lastError().getMessage());
        }
        return jo;
    }

    /** Counters as whole numbers, gauges rounded to a thousandth. */
    private static <T> void put(JsonObject jo, java.util.List<AvFigure<T>> figures, T source) {
        for (AvFigure<T> f : figures) {
            double v = f.value().applyAsDouble(source);
            jo.put(f.key(), f.whole() ? (Object) (long) v : round(v));
        }
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        for (Object e : (JsonArray) doCallJson(options).get("endpoints")) {
            JsonObject jo = (JsonObject) e;
            sb.append(jo.getString("uri")).append('\n');
            for (Object c : (JsonArray) jo.get("consumers")) {
                sb.append("    consumer ").append(line((JsonObject) c)).append('\n');
            }
            for (Object p : (JsonArray) jo.get("producers")) {
                sb.append("    producer ").append(line((JsonObject) p)).append('\n');
            }
            if (jo.get("recording") != null) {
                sb.append("    recording ").append(line((JsonObject) jo.get("recording"))).append('\n');
            }
        }
        sb.append("ffmpeg ").append(line(ffmpeg())).append('\n');
        return sb.toString();
    }

    private static String line(JsonObject jo) {
        StringBuilder sb = new StringBuilder();
        jo.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
