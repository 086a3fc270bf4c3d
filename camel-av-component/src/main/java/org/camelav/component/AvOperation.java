package org.camelav.component;

/**
 * What a producer does with an exchange: URI values {@code write}, {@code probe}, {@code transcode},
 * {@code thumbnail}, {@code snapshot}, {@code live}, {@code list}, {@code export}, {@code timelapse} and the capability
 * listings {@code codecs}, {@code formats}, {@code hwaccels}, {@code filters}, {@code protocols}, {@code bsfs}, any case.
 */
public enum AvOperation {
    /** Encode or remux the body's frame or packet into the output. */
    WRITE,
    /** Replace the body with the input's container and stream facts. */
    PROBE,
    /** Decode the body's media and re-encode it into the output. */
    TRANSCODE,
    /** Replace the body with a still image of one frame of the input. */
    THUMBNAIL,
    /**
     * Replace the body with the newest picture of a live source as an image, from a consumer of the same URL when one
     * runs in the context, else by opening the source for its first key frame.
     */
    SNAPSHOT,
    /**
     * Replace the body with a viewer of the live fragmented MP4 of a source a packets consumer of the same URL reads
     * in the context (one muxer for all viewers).
     */
    LIVE,
    /** On a recording path: replace the body with the files and gaps between CamelAvFrom and CamelAvTo. */
    LIST,
    /** On a recording path: replace the body with one file remuxed from the recording between CamelAvFrom and CamelAvTo. */
    EXPORT,
    /** Replace the body with this FFmpeg's encoders and decoders (ffmpeg -encoders/-decoders), with what they take. */
    CODECS,
    /** Replace the body with this FFmpeg's container formats and devices (ffmpeg -formats). */
    FORMATS,
    /** Replace the body with this FFmpeg's hardware device types (ffmpeg -hwaccels). */
    HWACCELS,
    /** Replace the body with this FFmpeg's filters (ffmpeg -filters). */
    FILTERS,
    /** Replace the body with this FFmpeg's URL protocols (ffmpeg -protocols). */
    PROTOCOLS,
    /** Replace the body with this FFmpeg's bitstream filters (ffmpeg -bsfs). */
    BSFS,
    /** On a recording path: replace the body with a re-encoded time-lapse of the recording between CamelAvFrom and CamelAvTo. */
    TIMELAPSE;

    /** The operations answered from a recording's index. */
    boolean readsRecording() {
        return this == LIST || this == EXPORT || this == TIMELAPSE;
    }
}
