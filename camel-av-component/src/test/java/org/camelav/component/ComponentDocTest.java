package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

/**
 * The component reference page, {@code src/main/docs/av-component.adoc} in Camel's format, is partly generated: its
 * attribute header and the option and header tables are rendered here from the catalog ({@code av.json}, itself
 * generated from the annotations), between {@code // ... : START} and {@code // ... : END} markers; the prose around
 * them is written by hand. When the committed page differs from what the catalog says, this test rewrites it and
 * fails: commit the rewritten page.
 */
class ComponentDocTest {

    static final Path DOC = Path.of("src", "main", "docs", "av-component.adoc");

    private static JsonObject catalog() throws Exception {
        try (InputStream in = ComponentDocTest.class.getResourceAsStream("/META-INF/org/camelav/component/av.json")) {
            return (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void committedPageMatchesTheCatalog() throws Exception {
        JsonObject json = catalog();
        String committed = Files.readString(DOC);
        String rendered = render(committed, json);
        if (!rendered.equals(committed)) {
            Files.writeString(DOC, rendered);
        }
        assertEquals(committed, rendered, DOC + " was stale and has been regenerated from av.json: commit it");
    }

    @Test
    void pageListsEveryOptionAndHeader() throws Exception {
        JsonObject json = catalog();
        String page = Files.readString(DOC);
        for (String section : List.of("componentProperties", "properties", "headers")) {
            JsonObject entries = (JsonObject) json.get(section);
            for (String name : entries.keySet()) {
                assertTrue(page.contains("| *" + name + "*"), section + " entry " + name + " in " + DOC);
            }
        }
        assertTrue(page.contains("multi-value option with prefix: formatOptions."));
        assertTrue(page.contains("The value can be one of: DEFAULT, NONREF, BIDIR, NONINTRA, NONKEY, ALL"));
    }

    /** {@code page} with its attribute header and every marked section rendered from {@code json}. */
    static String render(String page, JsonObject json) {
        JsonObject c = (JsonObject) json.get("component");
        String out = replaceAttributes(page, c);
        out = replaceSection(out, "component options", componentOptions(c, (JsonObject) json.get("componentProperties")));
        out = replaceSection(out, "endpoint options", endpointOptions(c, (JsonObject) json.get("properties")));
        out = replaceSection(out, "component headers", headers(c, (JsonObject) json.get("headers")));
        return out;
    }

    private static String replaceAttributes(String page, JsonObject c) {
        String[][] attributes = {
                { "doctitle", c.getString("title") },
                { "shortname", c.getString("name") },
                { "artifactid", c.getString("artifactId") },
                { "description", c.getString("description") },
                { "since", c.getString("firstVersion") }, // camel-av's own version, as the pom has it
                { "supportlevel", c.getString("supportLevel") },
                { "component-header", header(c) } };
        String out = page;
        for (String[] a : attributes) {
            Matcher m = Pattern.compile("(?m)^:" + Pattern.quote(a[0]) + ":.*$").matcher(out);
            if (!m.find()) {
                throw new IllegalStateException(DOC + " lacks the attribute :" + a[0] + ":");
            }
            out = m.replaceFirst(Matcher.quoteReplacement(":" + a[0] + ": " + a[1]));
        }
        Matcher title = Pattern.compile("(?m)\\A= .*$").matcher(out);
        return title.replaceFirst(Matcher.quoteReplacement("= " + c.getString("title") + " Component"));
    }

    private static String header(JsonObject c) {
        if (Boolean.TRUE.equals(c.getBoolean("consumerOnly"))) {
            return "Only consumer is supported";
        }
        if (Boolean.TRUE.equals(c.getBoolean("producerOnly"))) {
            return "Only producer is supported";
        }
        return "Both producer and consumer are supported";
    }

    private static String replaceSection(String page, String name, String body) {
        String start = "// " + name + ": START\n";
        String end = "// " + name + ": END";
        int s = page.indexOf(start);
        int e = page.indexOf(end);
        if (s < 0 || e < s) {
            throw new IllegalStateException(DOC + " lacks the markers '" + start.trim() + "' ... '" + end + "'");
        }
        return page.substring(0, s + start.length()) + body + page.substring(e);
    }

    private static List<JsonObject> sorted(JsonObject entries) {
        List<JsonObject> list = new ArrayList<>();
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            JsonObject o = new JsonObject((JsonObject) e.getValue());
            o.put("name", e.getKey());
            list.add(o);
        }
        list.sort(Comparator.comparing(o -> o.getInteger("index") == null ? 0 : o.getInteger("index")));
        return list;
    }

    private static String componentOptions(JsonObject c, JsonObject props) {
        List<JsonObject> options = sorted(props);
        StringBuilder sb = new StringBuilder("== Component Options\n\n");
        sb.append("The ").append(c.getString("title")).append(" component supports ").append(options.size())
                .append(" options, which are listed below.\n\n");
        table(sb, options, false);
        return sb.toString();
    }

    private static String endpointOptions(JsonObject c, JsonObject props) {
        List<JsonObject> all = sorted(props);
        List<JsonObject> path = all.stream().filter(o -> "path".equals(o.getString("kind"))).toList();
        List<JsonObject> query = all.stream().filter(o -> !"path".equals(o.getString("kind"))).toList();
        StringBuilder sb = new StringBuilder("== Endpoint Options\n\n");
        sb.append("The ").append(c.getString("title")).append(" endpoint is configured using URI syntax:\n\n");
        sb.append("----\n").append(c.getString("syntax")).append("\n----\n\n");
        sb.append("With the following path and query parameters:\n\n");
        sb.append("=== Path Parameters (").append(path.size()).append(" parameters)\n\n");
        table(sb, path, false);
        sb.append("\n=== Query Parameters (").append(query.size()).append(" parameters)\n\n");
        table(sb, query, false);
        return sb.toString();
    }

    private static String headers(JsonObject c, JsonObject headers) {
        List<JsonObject> list = sorted(headers);
        StringBuilder sb = new StringBuilder("== Message Headers\n\n");
        sb.append("The ").append(c.getString("title")).append(" component supports ").append(list.size())
                .append(" message headers, which are listed below:\n\n");
        table(sb, list, true);
        return sb.toString();
    }

    private static void table(StringBuilder sb, List<JsonObject> rows, boolean headers) {
        sb.append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n| Name | Description | Default | Type\n");
        for (JsonObject o : rows) {
            sb.append("| *").append(o.getString("name")).append("*");
            String label = o.getString(headers ? "label" : "group");
            if (label != null && !label.isBlank() && !(headers && label.equals("common"))) {
                sb.append(" (").append(label).append(")");
            }
            if (headers && o.getString("constantName") != null) {
                String constant = o.getString("constantName");
                sb.append(" +\nConstant: `").append(constant.substring(constant.indexOf('#') + 1)).append("`");
            }
            sb.append(" | ").append(description(o)).append(" | ").append(defaultValue(o)).append(" | ")
                    .append(cell(shortType(o.getString("javaType")))).append("\n");
        }
        sb.append("|===\n");
    }

    private static String description(JsonObject o) {
        StringBuilder d = new StringBuilder();
        if (Boolean.TRUE.equals(o.getBoolean("required"))) {
            d.append("*Required* ");
        }
        if (Boolean.TRUE.equals(o.getBoolean("deprecated"))) {
            d.append("*Deprecated* ");
        }
        d.append(o.getString("description") == null ? "" : o.getString("description").strip());
        JsonArray enums = (JsonArray) o.get("enum");
        if (enums != null && !enums.isEmpty()) {
            d.append(d.toString().endsWith(".") ? "" : ".").append("\n\nThe value can be one of: ")
                    .append(String.join(", ", enums.stream().map(String::valueOf).toList()));
        }
        return cell(d.toString());
    }

    private static String defaultValue(JsonObject o) {
        Object v = o.get("defaultValue");
        return v == null ? "" : cell(String.valueOf(v));
    }

    /** {@code java.util.Map<java.lang.String, java.lang.Object>} as {@code Map}, {@code org.camelav.media.codec.SkipFrame} as itself. */
    private static String shortType(String javaType) {
        if (javaType == null) {
            return "";
        }
        String raw = javaType.replaceAll("<.*>", "");
        return raw.startsWith("java.") ? raw.substring(raw.lastIndexOf('.') + 1) : raw;
    }

    /** Table cells may not contain an unescaped {@code |}. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
