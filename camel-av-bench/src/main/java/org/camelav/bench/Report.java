package org.camelav.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The driver's two outputs: the Markdown report (printed as it grows, written to results.md at the end) and one JSON
 * line per run and per summary row (results.jsonl, written as they come).
 */
final class Report {

    private final Path out;
    private final PrintStream jsonl;
    private final StringBuilder markdown = new StringBuilder();

    private Report(Path out, PrintStream jsonl) {
        this.out = out;
        this.jsonl = jsonl;
    }

    static Report open(Path out) throws IOException {
        return new Report(out, new PrintStream(Files.newOutputStream(out.resolve("results.jsonl")), true,
                StandardCharsets.UTF_8));
    }

    void line(String s) {
        markdown.append(s).append('\n');
        System.out.println(s);
    }

    void heading(String title) {
        line("## " + title);
        line("");
    }

    /** A Markdown table and the blank line after it. */
    void table(List<String> columns, List<String[]> rows) {
        line("| " + String.join(" | ", columns) + " |");
        line("|" + "---|".repeat(columns.size()));
        for (String[] r : rows) {
            line("| " + String.join(" | ", r) + " |");
        }
        line("");
    }

    void emit(Map<String, Object> m) {
        jsonl.println(Json.write(m));
    }

    /** Writes results.md, which (unlike the console) ends with where the JSON lines are. */
    void finish() throws IOException {
        markdown.append("\nJSON lines: ").append(out.resolve("results.jsonl")).append('\n');
        Files.writeString(out.resolve("results.md"), markdown.toString());
        jsonl.close();
    }
}
