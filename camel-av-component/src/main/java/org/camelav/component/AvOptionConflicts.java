package org.camelav.component;

import java.util.List;
import java.util.function.Predicate;

/**
 * Option pairs that cannot work together. Each is accepted by Camel's binding on its own, and together one of them
 * would be silently ignored or would break the other's output (latestFrame drops packets, so every recorder and decoder
 * downstream gets broken GOPs). They are refused when the route starts, with both options named; the @UriParam
 * descriptions list the same pairs for the catalog and the adoc.
 */
final class AvOptionConflicts {

    /** Options {@code first} and {@code second}, refused when {@code applies}, because of {@code why}. */
    record Rule(String first, String second, Predicate<AvConfiguration> applies, String why) {
    }

    /** Pairs refused on a consumer (mode is a consumer option: a producer endpoint ignores it). */
    static final List<Rule> CONSUMER = List.of(
            new Rule("latestFrame=true", "mode=packets", c -> c.isLatestFrame() && packets(c),
                    "latest-frame mode drops items the route is too slow for, and a dropped packet breaks its GOP for"
                    + " every recorder and decoder downstream"),
            new Rule("zeroCopy=true", "mode=packets", c -> c.isZeroCopy() && packets(c),
                    "packets carry no decoded picture to share"),
            new Rule("exportMotionVectors=true", "mode=packets", c -> c.isExportMotionVectors() && packets(c),
                    "packets are not decoded, so no decoder exports motion vectors"),
            new Rule("filter", "mode=packets", c -> isSet(c.getFilter()) && packets(c),
                    "packets are not decoded, so the filter would never run"),
            new Rule("audioFilter", "mode=packets", c -> isSet(c.getAudioFilter()) && packets(c),
                    "packets are not decoded, so the audio filter would never run"),
            new Rule("bsf or audioBsf", "mode=frames", c -> (isSet(c.getBsf()) || isSet(c.getAudioBsf())) && !packets(c),
                    "bitstream filters rewrite packets, and frames mode delivers decoded frames"));

    /** Pairs refused on a producer. */
    static final List<Rule> PRODUCER = List.of(
            new Rule("record=true", "clip=true", c -> c.isRecord() && c.isClip(),
                    "one endpoint is one recorder: use two endpoints"),
            new Rule("record=true or clip=true", "operation", c -> (c.isRecord() || c.isClip())
                                                                   && c.getOperation() != AvOperation.WRITE,
                    "a recorder writes the packets it receives: it runs no other operation"));

    private AvOptionConflicts() {
    }

    /** @throws IllegalArgumentException naming both options of the first pair {@code c} sets */
    static void check(List<Rule> rules, AvConfiguration c) {
        for (Rule r : rules) {
            if (r.applies().test(c)) {
                String second = "operation".equals(r.second()) ? "operation=" + c.getOperation().name().toLowerCase()
                        : r.second();
                throw new IllegalArgumentException("av: options " + r.first() + " and " + second
                                                   + " cannot be used together: " + r.why());
            }
        }
    }

    private static boolean packets(AvConfiguration c) {
        return c.getMode() == AvMode.PACKETS;
    }

    private static boolean isSet(String s) {
        return s != null && !s.isBlank();
    }
}
