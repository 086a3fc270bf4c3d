package org.camelav.media.container;

import org.camelav.media.BitStreamFilters;

/**
 * How items become the output's streams, whether encoded or copied: when the header may be written, the timestamp
 * origin, each stream's bitstream filters and tags. What {@link MediaWriter}, {@link PacketCopier} and
 * {@link FilteredOutput} need. Built by {@link WriterOptions.Builder}.
 *
 * @param streamWaitItems how long to hold the first items back while waiting for the other streams of the same source
 *                        to show up, so that all of them are in the header (a container's stream list is fixed once
 *                        written)
 * @param copyTimestamps  keep source timestamps as they are instead of starting the output at zero
 *                        ({@code ffmpeg -copyts})
 * @param bsf             bitstream filters run on each stream's packets, copied or encoded, before the muxer
 *                        ({@code -bsf:v}, {@code -bsf:a})
 * @param tags            language and title of the video and audio output streams
 */
public record MuxingOptions(int streamWaitItems, boolean copyTimestamps, BitStreamFilters bsf, StreamTags tags) {

    public MuxingOptions {
        bsf = bsf == null ? BitStreamFilters.NONE : bsf;
        tags = tags == null ? StreamTags.NONE : tags;
    }
}
