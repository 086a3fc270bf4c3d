package org.camelav.bench;

/** What every section of one driver run shares: its options, the tools found, process execution and the report. */
record BenchContext(Options options, Toolchain tools, Exec exec, Commands commands, Report report) {
}
