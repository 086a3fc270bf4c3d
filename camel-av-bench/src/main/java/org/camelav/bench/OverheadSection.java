package org.camelav.bench;

import static org.camelav.bench.Stats.num;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Camel overhead section: what a route adds per exchange over a bare MediaReader loop, both warm. */
final class OverheadSection {

    private final BenchContext ctx;

    OverheadSection(BenchContext ctx) {
        this.ctx = ctx;
    }

    void run(Clips clips) throws Exception {
        Options o = ctx.options();
        if (!o.only().isEmpty() && !o.only().contains("overhead")) {
            return;
        }
        Report report = ctx.report();
        Clip c = clips.get("c360");
        int items = o.quick() ? 50_000 : 300_000;
        System.err.println("== camel overhead (load " + Machine.load() + ")");
        Exec.Res r = ctx.exec().exec(Commands.java(o.cp(), "camel-av", "overhead", 1, "clip=" + c.path(),
                "items=" + items, "rounds=" + (o.quick() ? 3 : 5)), 1800, false);
        Map<String, Object> m = Exec.result(r.stdout());
        if (m == null) {
            m = new LinkedHashMap<>();
            m.put("error", Exec.lastLine(r.stderr()));
        }
        m.put("type", "summary");
        m.put("workload", "camel-overhead");
        m.put("load", Machine.load());
        report.emit(m);
        report.heading("Camel overhead per exchange (Exchange + headers + body), warm");
        if (m.get("error") != null) {
            report.line("failed: " + m.get("error"));
        } else {
            report.line(String.format(Locale.ROOT, "%s packets of `c360`, looped: bare MediaReader loop %s µs/item,"
                    + " route %s µs/item; **overhead %.2f µs per exchange** (best rounds; load %s)", items,
                    fmtList(m.get("readerMicrosPerItem")), fmtList(m.get("routeMicrosPerItem")),
                    num(m, "overheadMicros"), m.get("load")));
        }
        report.line("");
    }

    private static String fmtList(Object o) {
        if (!(o instanceof List<?> l)) {
            return "?";
        }
        return l.stream().map(x -> String.format(Locale.ROOT, "%.2f", ((Number) x).doubleValue()))
                .reduce((a, b) -> a + "/" + b).orElse("");
    }
}
