package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.codec.CodecInfo;
import org.camelav.media.container.FormatInfo;
import org.camelav.media.filter.FilterInfo;
import org.camelav.media.io.ProtocolInfo;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

/** operation=codecs|formats|hwaccels|filters|protocols|bsfs say what the bundled ffmpeg's own listings say. */
class CapabilitiesTest extends CamelTestSupport {

    private List<?> list(String operation) {
        return template.requestBody("av:ffmpeg?operation=" + operation, "", AvCapabilities.class);
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> list(String operation, Class<T> type) {
        return (List<T>) list(operation);
    }

    /** The lines of an ffmpeg listing after its legend (which ends with a line of dashes, or the header line). */
    private static List<String> listing(String option) {
        String out = new String(FfmpegCli.output("-hide_banner", option), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(out.split("\\R")));
        int legendEnd = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().matches("-+")) {
                legendEnd = i;
            }
        }
        return lines.subList(legendEnd + 1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
    }

    /** Column {@code n} (0-based, whitespace separated) of each line whose flags pass. */
    private static Set<String> names(List<String> lines, int flagIndex, char flag) {
        return lines.stream().filter(l -> flagIndex < 0 || l.trim().split("\\s+")[0].charAt(flagIndex) == flag)
                .map(l -> l.trim().split("\\s+")[1]).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void codecsAreFfmpegsEncodersAndDecoders() {
        List<CodecInfo> codecs = list("codecs", CodecInfo.class);
        assertEquals(names(listing("-encoders"), -1, ' '),
                codecs.stream().filter(CodecInfo::encoder).map(CodecInfo::name).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(names(listing("-decoders"), -1, ' '),
                codecs.stream().filter(CodecInfo::decoder).map(CodecInfo::name).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(names(listing("-encoders"), 3, 'X'), codecs.stream().filter(c -> c.encoder() && c.experimental())
                .map(CodecInfo::name).collect(Collectors.toCollection(TreeSet::new)), "experimental encoders");
        // ffmpeg -codecs: "DEV.LS h264 ... (decoders: h264 h264_v4l2m2m ...) (encoders: libopenh264 ...)"
        String h264 = listing("-codecs").stream().filter(l -> l.trim().split("\\s+")[1].equals("h264")).findFirst()
                .orElseThrow();
        Set<String> h264Encoders = new TreeSet<>(List.of(h264.replaceAll(".*\\(encoders: ([^)]*)\\).*", "$1").split(" ")));
        assertEquals(h264Encoders, codecs.stream().filter(c -> c.encoder() && c.codec().equals("h264"))
                .map(CodecInfo::name).collect(Collectors.toCollection(TreeSet::new)));
        CodecInfo openh264 = find(codecs, c -> c.encoder() && c.name().equals("libopenh264"));
        assertEquals(List.of("yuv420p", "yuvj420p"), openh264.pixelFormats(), "ffmpeg -h encoder=libopenh264");
        assertEquals("video", openh264.type().label());
        assertFalse(openh264.hardware());
        CodecInfo aac = find(codecs, c -> c.encoder() && c.name().equals("aac"));
        assertEquals(List.of("fltp"), aac.sampleFormats());
        assertEquals(List.of(96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350),
                aac.sampleRates());
        assertTrue(find(codecs, c -> c.name().equals("h264_nvenc")).hardware());
        assertTrue(find(codecs, c -> c.decoder() && c.name().equals("h264")).hwDeviceTypes().contains("cuda"),
                "the native H.264 decoder has hwaccels");
    }

    private static <T> T find(List<T> all, java.util.function.Predicate<T> p) {
        return all.stream().filter(p).findFirst().orElseThrow();
    }

    @Test
    void formatsAreFfmpegsFormats() {
        // " D d lavfi ...": demuxing, muxing and device flags in columns 1 to 3, the name from column 5
        List<String> expected = listing("-formats").stream().map(l -> l.substring(5).split("\\s+")[0] + " "
                + l.substring(1, 4)).sorted().toList();
        List<String> ours = list("formats", FormatInfo.class).stream().map(f -> f.name() + " " + (f.demuxer() ? "D" : " ")
                + (f.muxer() ? "E" : " ") + (f.device() ? "d" : " ")).sorted().toList();
        assertEquals(expected, ours);
        FormatInfo mp4 = find(list("formats", FormatInfo.class), f -> f.name().equals("mp4"));
        assertTrue(mp4.muxer() && !mp4.demuxer());
        assertEquals("video/mp4", mp4.mimeType());
    }

    @Test
    void filtersAreFfmpegsFilters() {
        List<FilterInfo> filters = list("filters", FilterInfo.class);
        // the legend ("  T.. = Timeline support"...) precedes the filters: its lines hold " = "
        assertEquals(names(listing("-filters").stream().filter(l -> !l.contains(" = ") && !l.startsWith("Filters:"))
                .toList(), -1, ' '),
                filters.stream().map(FilterInfo::name).collect(Collectors.toCollection(TreeSet::new)));
        FilterInfo volume = find(filters, f -> f.name().equals("volume"));
        assertEquals(List.of("audio"), volume.inputs());
        assertEquals(List.of("audio"), volume.outputs());
        assertTrue(find(filters, f -> f.name().equals("amix")).dynamicInputs(), "ffmpeg -filters: amix N->A");
        assertTrue(find(filters, f -> f.name().equals("split")).dynamicOutputs(), "ffmpeg -filters: split V->N");
        assertEquals(List.of(), find(filters, f -> f.name().equals("nullsink")).outputs(), "V->|");
    }

    @Test
    void protocolsHwaccelsAndBsfsAreFfmpegs() {
        String out = new String(FfmpegCli.output("-hide_banner", "-protocols"), StandardCharsets.UTF_8);
        String[] parts = out.split("Output:");
        Set<String> in = new TreeSet<>(List.of(parts[0].split("Input:")[1].trim().split("\\s+")));
        Set<String> outs = new TreeSet<>(List.of(parts[1].trim().split("\\s+")));
        List<ProtocolInfo> protocols = list("protocols", ProtocolInfo.class);
        assertEquals(in, protocols.stream().filter(ProtocolInfo::input).map(ProtocolInfo::name)
                .collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(outs, protocols.stream().filter(ProtocolInfo::output).map(ProtocolInfo::name)
                .collect(Collectors.toCollection(TreeSet::new)));
        List<String> hw = Arrays.stream(new String(FfmpegCli.output("-hide_banner", "-hwaccels"), StandardCharsets.UTF_8)
                .split("\\R")).skip(1).filter(l -> !l.isBlank()).map(String::trim).toList();
        assertEquals(hw, list("hwaccels"));
        List<String> bsfs = Arrays.stream(new String(FfmpegCli.output("-hide_banner", "-bsfs"), StandardCharsets.UTF_8)
                .split("\\R")).skip(1).filter(l -> !l.isBlank()).map(String::trim).sorted().toList();
        assertEquals(bsfs, list("bsfs"));
    }

    @Test
    void theDevConsoleSummarisesWhatTheBuildCanDo() {
        AvDevConsole console = new AvDevConsole();
        console.setCamelContext(context);
        org.apache.camel.util.json.JsonObject ffmpeg = (org.apache.camel.util.json.JsonObject) ((java.util.Map<?, ?>) console
                .call(org.apache.camel.console.DevConsole.MediaType.JSON)).get("ffmpeg");
        List<CodecInfo> codecs = list("codecs", CodecInfo.class);
        assertEquals(codecs.stream().filter(CodecInfo::encoder).count(), ffmpeg.getLong("encoders"));
        assertEquals(list("hwaccels"), ffmpeg.get("hwaccels"));
        assertTrue(((List<?>) ffmpeg.get("hardwareEncoders")).contains("h264_nvenc"), ffmpeg.toJson());
        String text = (String) console.call(org.apache.camel.console.DevConsole.MediaType.TEXT);
        assertTrue(text.contains("ffmpeg encoders=" + ffmpeg.getLong("encoders")), text);
    }

    @Test
    void listingsConvertToJson() {
        Object body = template.requestBody("av:ffmpeg?operation=codecs", "");
        String json = context.getTypeConverter().convertTo(String.class, body);
        assertTrue(json.startsWith("[{"), json.substring(0, 40));
        assertTrue(json.contains("\"name\":\"libopenh264\""), "a codec by name");
        assertTrue(json.contains("\"pixelFormats\":[\"yuv420p\",\"yuvj420p\"]"), "its pixel formats");
        assertTrue(json.contains("\"type\":\"video\""));
    }
}
