import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * Build-time generator (run by the starter's pom with the JDK's source launcher, on the module's classpath):
 * reads the component's catalog entry {@code META-INF/org/camelav/component/av.json} and writes
 * {@code AvComponentConfiguration}, the {@code @ConfigurationProperties("camel.component.av")} class with one
 * documented field per component option. spring-boot-configuration-processor then turns that class into
 * {@code spring-configuration-metadata.json}. Generated at every build, so a new option in AvConfiguration reaches
 * Spring Boot without anyone editing the starter.
 * <p>
 * Types: primitives are boxed (unset = not copied), maps stay maps, Java enums keep their type (Spring converts and
 * rejects unknown constants), String options with an enum list are checked in their setter, and other objects are
 * bean references ({@code #bean:name}) given as strings, as Camel's own starters do for types Spring cannot build.
 */
public final class AvStarterGenerator {

    private static final String PKG = "org.camelav.component.springboot";
    private static final String JSON = "META-INF/org/camelav/component/av.json";

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0], PKG.replace('.', '/'), "AvComponentConfiguration.java");
        JsonObject catalog;
        try (InputStream in = AvStarterGenerator.class.getClassLoader().getResourceAsStream(JSON)) {
            if (in == null) {
                throw new IllegalStateException(JSON + " is not on the classpath: build camel-av-component first");
            }
            catalog = (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        JsonObject component = (JsonObject) catalog.get("component");
        Map<String, Object> options = new TreeMap<>((JsonObject) catalog.get("componentProperties"));
        StringBuilder fields = new StringBuilder();
        StringBuilder accessors = new StringBuilder();
        for (Map.Entry<String, Object> e : options.entrySet()) {
            option(e.getKey(), (JsonObject) e.getValue(), fields, accessors);
        }
        String source = """
                package %s;

                import java.util.Locale;
                import java.util.Map;

                import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
                import org.springframework.boot.context.properties.ConfigurationProperties;

                /**
                 * %s
                 * <p>
                 * Generated from av.json by src/build/AvStarterGenerator.java at build time: do not edit. An option
                 * this class does not know fails start-up (ignoreUnknownFields = false).
                 */
                @ConfigurationProperties(prefix = "camel.component.av", ignoreUnknownFields = false)
                public class AvComponentConfiguration extends ComponentConfigurationPropertiesCommon {

                %s
                %s
                    private static String oneOf(String option, String value, String... allowed) {
                        if (value == null) {
                            return null;
                        }
                        for (String a : allowed) {
                            if (a.equalsIgnoreCase(value.trim())) {
                                return value.trim();
                            }
                        }
                        throw new IllegalArgumentException("camel.component.av." + option + "=" + value
                                + " is not one of " + String.join(", ", allowed).toLowerCase(Locale.ROOT));
                    }
                }
                """.formatted(PKG, javadocText(component.getString("description")), fields, accessors);
        writeIfChanged(out, source);
        // merged by spring-boot-configuration-processor: defaults, and the values of String options with an enum list
        writeIfChanged(Path.of(args[1], "META-INF", "additional-spring-configuration-metadata.json"),
                additionalMetadata(options));
    }

    private static void writeIfChanged(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file) || !Files.readString(file).equals(text)) {
            Files.writeString(file, text);
        }
    }

    private static String additionalMetadata(Map<String, Object> options) {
        JsonArray properties = new JsonArray();
        JsonArray hints = new JsonArray();
        for (Map.Entry<String, Object> e : options.entrySet()) {
            JsonObject o = (JsonObject) e.getValue();
            String name = "camel.component.av." + kebab(e.getKey());
            String type = fieldType(o.getString("type"), o.getString("javaType"));
            if (o.get("defaultValue") != null && !type.startsWith("Map")) {
                JsonObject p = new JsonObject();
                p.put("name", name);
                p.put("defaultValue", typedDefault(type, o.get("defaultValue")));
                properties.add(p);
            }
            JsonArray enums = (JsonArray) o.get("enum");
            if (enums != null && type.equals("String")) {
                JsonArray values = new JsonArray();
                enums.forEach(v -> values.add(new JsonObject(Map.of("value", v))));
                hints.add(new JsonObject(Map.of("name", name, "values", values)));
            }
        }
        JsonObject root = new JsonObject();
        root.put("properties", properties);
        root.put("hints", hints);
        return Jsoner.prettyPrint(root.toJson()) + "\n";
    }

    private static void option(String name, JsonObject o, StringBuilder fields, StringBuilder accessors) {
        String javaType = o.getString("javaType");
        JsonArray enums = (JsonArray) o.get("enum");
        String type = fieldType(o.getString("type"), javaType);
        StringBuilder doc = new StringBuilder(o.getString("description"));
        if (type.equals("String") && !javaType.equals("java.lang.String")) {
            doc.append(" The option is a ").append(javaType).append(" type: a bean reference such as #bean:name.");
        }
        if (o.get("defaultValue") != null) {
            doc.append(" Default: ").append(o.get("defaultValue")).append('.');
        }
        if (enums != null && type.equals("String")) {
            doc.append(" One of: ").append(String.join(", ", enums.stream().map(String::valueOf).toList())).append('.');
        }
        if (Boolean.TRUE.equals(o.get("deprecated"))) {
            fields.append("    @Deprecated\n");
        }
        fields.append("    /**\n     * ").append(javadocText(doc.toString())).append("\n     */\n");
        fields.append("    private ").append(type).append(' ').append(name).append(";\n");
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        accessors.append("    public ").append(type).append(" get").append(cap).append("() {\n")
                .append("        return ").append(name).append(";\n    }\n\n");
        accessors.append("    public void set").append(cap).append('(').append(type).append(' ').append(name)
                .append(") {\n");
        if (enums != null && type.equals("String")) {
            List<String> quoted = enums.stream().map(v -> '"' + String.valueOf(v) + '"').toList();
            accessors.append("        this.").append(name).append(" = oneOf(\"").append(kebab(name)).append("\", ")
                    .append(name).append(", ").append(String.join(", ", quoted)).append(");\n");
        } else {
            accessors.append("        this.").append(name).append(" = ").append(name).append(";\n");
        }
        accessors.append("    }\n\n");
    }

    private static String fieldType(String catalogType, String javaType) {
        switch (javaType) {
            case "int", "java.lang.Integer": return "Integer";
            case "long", "java.lang.Long": return "Long";
            case "boolean", "java.lang.Boolean": return "Boolean";
            case "double", "java.lang.Double": return "Double";
            case "float", "java.lang.Float": return "Float";
            case "java.lang.String": return "String";
            default:
                if (javaType.startsWith("java.util.Map")) {
                    return "Map<String, Object>";
                }
                return catalogType.equals("enum") ? javaType : "String";
        }
    }

    /**
     * The catalog's default as the property's type: options typed {@code duration} in the catalog (milliseconds held in
     * a long) carry their default as text there, while the IDE metadata of a Long property wants a number.
     */
    private static Object typedDefault(String type, Object value) {
        if (value instanceof String text && (type.equals("Long") || type.equals("Integer"))
            && text.matches("-?\\d+")) {
            return Long.parseLong(text);
        }
        return value;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }

    private static String javadocText(String s) {
        return s.replace("*/", "*&#47;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
    }
}
