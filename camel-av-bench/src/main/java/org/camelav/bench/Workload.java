package org.camelav.bench;

import java.util.List;
import java.util.function.Function;

/** One section of the report: a task on one clip, the tools' command lines for it and the section that runs them. */
record Workload(String name, String title, Clip clip, int expect, List<Entry> entries, Runner runner) {

    /** A command line of one tool for one workload; frames = what it should report (null: take the worker's). */
    record Entry(String tool, String note, Function<Integer, List<String>> cmd, boolean inProcess, String whyNot) {
    }

    interface Runner {
        void run(Workload w) throws Exception;
    }
}
