package org.camelav.component;

import org.apache.camel.spi.Metadata;

/** Exchange header names: the public contract of camel-av (see shared design, "Exchanges"). */
public final class AvConstants {

    @Metadata(label = "consumer", description = "Media type of the frame or packet: video, audio, subtitle or data.",
              javaType = "String")
    public static final String MEDIA_TYPE = "CamelAvMediaType";
    @Metadata(label = "consumer", description = "Index of the stream in the input.", javaType = "Integer")
    public static final String STREAM_INDEX = "CamelAvStreamIndex";
    @Metadata(description = "Presentation timestamp in CamelAvTimeBase units; null when FFmpeg has none. On the producer,"
                            + " overrides the timestamp of a raw image body.",
              javaType = "Long")
    public static final String PTS = "CamelAvPts";
    @Metadata(label = "consumer", description = "Decoding timestamp in CamelAvTimeBase units; null when FFmpeg has none.",
              javaType = "Long")
    public static final String DTS = "CamelAvDts";
    @Metadata(description = "Time base of the timestamps as num/den, e.g. 1/15360. On the producer, the time base of"
                            + " CamelAvPts for a raw image body; both terms must be positive (1/0, 0/1 are"
                            + " refused).",
              javaType = "String")
    public static final String TIME_BASE = "CamelAvTimeBase";
    @Metadata(label = "consumer", description = "Presentation time in seconds (pts x time base).", javaType = "Double")
    public static final String TIME = "CamelAvTime";
    @Metadata(label = "consumer", description = "Frame or packet duration in time-base units.", javaType = "Long")
    public static final String DURATION = "CamelAvDuration";
    @Metadata(label = "consumer", description = "Whether this is a key frame or key packet.", javaType = "Boolean")
    public static final String KEY_FRAME = "CamelAvKeyFrame";
    @Metadata(label = "consumer", description = "Picture type of a video frame: I, P, B, ...", javaType = "String")
    public static final String PICT_TYPE = "CamelAvPictType";
    @Metadata(label = "consumer", description = "0-based count of exchanges of that stream; absent on the empty"
                                                + " end-of-stream exchange of an input that delivered nothing.",
              javaType = "Long")
    public static final String FRAME_INDEX = "CamelAvFrameIndex";
    @Metadata(description = "Width of the delivered video frame (after scaling). On the producer, the width of a raw"
                            + " pixel byte[] body.",
              javaType = "Integer")
    public static final String WIDTH = "CamelAvWidth";
    @Metadata(description = "Height of the delivered video frame (after scaling). On the producer, the height of a raw"
                            + " pixel byte[] body.",
              javaType = "Integer")
    public static final String HEIGHT = "CamelAvHeight";
    @Metadata(description = "FFmpeg pixel format name of the delivered video frame, e.g. bgr24. On the producer, the"
                            + " pixel format of a raw pixel byte[] body.",
              javaType = "String")
    public static final String PIXEL_FORMAT = "CamelAvPixelFormat";
    @Metadata(label = "consumer", description = "Sample rate of the delivered audio frame.", javaType = "Integer")
    public static final String SAMPLE_RATE = "CamelAvSampleRate";
    @Metadata(label = "consumer", description = "Channel count of the delivered audio frame.", javaType = "Integer")
    public static final String CHANNELS = "CamelAvChannels";
    @Metadata(label = "consumer", description = "FFmpeg sample format name of the delivered audio frame, e.g. fltp.",
              javaType = "String")
    public static final String SAMPLE_FORMAT = "CamelAvSampleFormat";
    @Metadata(label = "consumer", description = "Samples per channel in the delivered audio frame.", javaType = "Integer")
    public static final String SAMPLES = "CamelAvSamples";
    @Metadata(description = "Decoder (consumer) or encoder (producer) name.", javaType = "String")
    public static final String CODEC_NAME = "CamelAvCodecName";
    @Metadata(label = "consumer", description = "True on the last exchange of a finite input (file), or the one that"
                                                + " reached maxFrames or duration. A finite input that ends without"
                                                + " an error but delivers no frame or packet sends one exchange with"
                                                + " an empty body, this header true and no other CamelAv header.",
              javaType = "Boolean")
    public static final String END_OF_STREAM = "CamelAvEndOfStream";
    @Metadata(label = "consumer", description = "Facts about the source stream (time base, start time, duration, frames,"
                                                + " average/base/guessed rate, codec, profile, bit rate, metadata).",
              javaType = "org.camelav.media.StreamInfo")
    public static final String STREAM_INFO = "CamelAvStreamInfo";

    @Metadata(label = "consumer", description = "True on the first exchange after the consumer reconnected to a live"
                                                + " source: timestamps restart from whatever the source sends.",
              javaType = "Boolean")
    public static final String DISCONTINUITY = "CamelAvDiscontinuity";
    @Metadata(label = "producer", description = "operation=snapshot: where the picture came from: consumer (a consumer"
                                                + " of the same URL running in the context: no second connection) or"
                                                + " source (the source opened for its first key frame).",
              javaType = "String")
    public static final String SNAPSHOT_SOURCE = "CamelAvSnapshotSource";
    @Metadata(label = "producer", description = "operation=snapshot from a consumer: how old the picture is, in"
                                                + " milliseconds since that consumer last received video. A camera that"
                                                + " is down (its consumer reconnecting) still answers with its last"
                                                + " picture, and this says how stale it is.",
              javaType = "Long")
    public static final String SNAPSHOT_AGE = "CamelAvSnapshotAge";
    @Metadata(label = "consumer", description = "Video frames decoded on a hardware device: its type (cuda, vaapi,"
                                                + " qsv...). Absent when the frame was decoded on the CPU, also after"
                                                + " hwaccel fell back to it.",
              javaType = "String")
    public static final String HWACCEL = "CamelAvHwaccel";
    @Metadata(label = "consumer", description = "latestFrame mode: how many stale frames were dropped just before this"
                                                + " one because the route was slower than the source.",
              javaType = "Long")
    public static final String DROPPED_FRAMES = "CamelAvDroppedFrames";
    @Metadata(label = "consumer", description = "Video frames: counter-clockwise degrees (-180 to 180) the picture is to be"
                                                + " rotated by for display, from the stream's display matrix (phone"
                                                + " videos), as ffprobe's rotation; 0 when there is none or autorotate"
                                                + " already turned the pixels upright.",
              javaType = "Integer")
    public static final String ROTATION = "CamelAvRotation";
    @Metadata(label = "consumer", description = "Video frames: the colour matrix of the delivered pixels, FFmpeg's name"
                                                + " (bt709, bt470bg, smpte170m, bt2020nc; gbr for RGB pixel formats);"
                                                + " absent when the source does not say. The conversion to"
                                                + " pixelFormat used the source's matrix.",
              javaType = "String")
    public static final String COLOR_SPACE = "CamelAvColorSpace";
    @Metadata(label = "consumer", description = "Video frames: the range of the delivered pixels, tv (limited) or pc"
                                                + " (full); absent when the source does not say.",
              javaType = "String")
    public static final String COLOR_RANGE = "CamelAvColorRange";
    @Metadata(label = "consumer", description = "The source's wall clock at pts 0 in microseconds since the Unix epoch"
                                                + " (FFmpeg's start_time_realtime, PyAV's container.start_time_realtime:"
                                                + " an RTSP camera's RTCP sender-report clock), once the source has told"
                                                + " it; record/clip with segmentClock=camera name files by it.",
              javaType = "Long")
    public static final String REALTIME_START = "CamelAvRealtimeStart";

    // ---- side data, subtitles, data streams (issue 33 §2-4)
    @Metadata(label = "consumer", description = "Video frames: the names of the frame's side data, as ffprobe -show_frames"
                                                + " prints side_data_type (Motion vectors, Mastering display metadata,"
                                                + " Content light level metadata, ATSC A53 Part 4 Closed Captions, H.26[45]"
                                                + " User Data Unregistered SEI message...); the data itself is read from"
                                                + " the body, VideoFrame.sideData(). Absent when the frame has none.",
              javaType = "java.util.List<String>")
    public static final String SIDE_DATA = "CamelAvSideData";
    @Metadata(label = "consumer", description = "Video frames with exportMotionVectors: how many motion vectors the"
                                                + " decoder exported for the frame (the vectors: VideoFrame.sideData()"
                                                + ".motionVectors()); absent on frames without any (I-frames).",
              javaType = "Integer")
    public static final String MOTION_VECTORS = "CamelAvMotionVectors";
    @Metadata(label = "consumer", description = "Subtitles (body org.camelav.media.subtitles.Subtitle, which converts to"
                                                + " its plain text as a String): when it appears, in seconds, as"
                                                + " ffprobe's start time of the subtitle (CamelAvTime as well).",
              javaType = "Double")
    public static final String SUBTITLE_START = "CamelAvSubtitleStart";
    @Metadata(label = "consumer", description = "Subtitles: when it disappears, in seconds (start plus display time);"
                                                + " absent when the source leaves it open until the next one (DVB).",
              javaType = "Double")
    public static final String SUBTITLE_END = "CamelAvSubtitleEnd";

    @Metadata(label = "producer", description = "record: path of the segment this exchange closed (clip: also set when a"
                                                + " clip closed); absent on the other exchanges.",
              javaType = "String")
    public static final String SEGMENT_CLOSED = "CamelAvSegmentClosed";
    @Metadata(label = "producer", description = "record/clip: wall-clock start of the closed file, ISO-8601 (UTC);"
                                                + " export: of the exported file's first frame.",
              javaType = "String")
    public static final String SEGMENT_START = "CamelAvSegmentStart";
    @Metadata(label = "producer", description = "record/clip: wall-clock end of the closed file (start plus duration),"
                                                + " ISO-8601 (UTC); export: of the exported file's last frame.",
              javaType = "String")
    public static final String SEGMENT_END = "CamelAvSegmentEnd";
    @Metadata(label = "producer", description = "record/clip: media duration of the closed file in seconds; export:"
                                                + " of the exported file, gaps included.",
              javaType = "Double")
    public static final String SEGMENT_DURATION = "CamelAvSegmentDuration";
    @Metadata(label = "producer", description = "clip: any value starts a clip at the newest packet's time (after writing"
                                                + " this exchange's packet, if it carries one), or extends the open clip."
                                                + " clip and record: the trigger is noted on the recording's timeline"
                                                + " (operation=list's events) at that time, labelled with the value's"
                                                + " text (motion, person...; none for a Boolean).",
              javaType = "Object")
    public static final String TRIGGER = "CamelAvTrigger";
    @Metadata(label = "producer", description = "clip: path of the clip this exchange closed. Sent on to a record=true"
                                                + " endpoint, such an exchange notes the clip (CamelAvSegmentStart to"
                                                + " CamelAvSegmentEnd) on that recording's timeline and records nothing.",
              javaType = "String")
    public static final String CLIP_CLOSED = "CamelAvClipClosed";
    @Metadata(label = "consumer", description = "Fleet (camel.av.fleet.*): the id of the node that read this item, set"
                                                + " on every exchange of a fleet camera's route, so it is on the"
                                                + " segment-closed exchange too; a record/clip endpoint that receives it"
                                                + " writes it into each file it opens as the tags comment and"
                                                + " service_provider ('camel-av node ID').",
              javaType = "String")
    public static final String NODE_ID = "CamelAvNodeId";

    @Metadata(label = "producer", description = "operation=list/export/timelapse: start of the range, ISO-8601 with a zone or"
                                                + " offset (2026-01-02T03:04:05Z), an Instant, a Date or epoch"
                                                + " milliseconds.",
              javaType = "String")
    public static final String FROM = "CamelAvFrom";
    @Metadata(label = "producer", description = "operation=list/export/timelapse: end of the range, as CamelAvFrom.",
              javaType = "String")
    public static final String TO = "CamelAvTo";
    @Metadata(label = "producer", description = "operation=export: how many gaps (no recording for over a second) the"
                                                + " exported file holds; each stays a gap of the same length in its"
                                                + " timeline.",
              javaType = "Integer")
    public static final String EXPORT_GAPS = "CamelAvExportGaps";
    @Metadata(label = "producer", description = "operation=export with exact=true: how many pictures at the start were"
                                                + " re-encoded (0: the range started on a key frame, all copied).",
              javaType = "Integer")
    public static final String EXPORT_REENCODED = "CamelAvExportReencoded";
    @Metadata(label = "producer", description = "operation=timelapse: the time-lapse's target length in seconds; sets"
                                                + " the speed to the range's length divided by it.",
              javaType = "Double")
    public static final String TIMELAPSE_DURATION = "CamelAvTimelapseDuration";
    @Metadata(label = "producer", description = "operation=timelapse: frames of the time-lapse made.",
              javaType = "Integer")
    public static final String TIMELAPSE_FRAMES = "CamelAvTimelapseFrames";
    @Metadata(label = "producer", description = "operation=timelapse: pictures decoded to make the time-lapse.",
              javaType = "Long")
    public static final String TIMELAPSE_DECODED = "CamelAvTimelapseDecoded";

    // ---- reporting filters, audio and video (issue 33)
    @Metadata(label = "consumer", description = "Frames out of filter or audioFilter: the frame metadata their filters"
                                                + " wrote (AVFrame.metadata, ffprobe's frame tags) as a Map of String"
                                                + " to String, e.g. lavfi.silence_start=1.5 from silencedetect,"
                                                + " lavfi.r128.I=-23.1 from ebur128=metadata=1, lavfi.scd.score from"
                                                + " scdet, lavfi.black_start from blackdetect,"
                                                + " lavfi.signalstats.YAVG from signalstats; values are FFmpeg's"
                                                + " strings (seconds, dB, LUFS). Absent when the frame carries none.",
              javaType = "java.util.Map<String, String>")
    public static final String FRAME_METADATA = "CamelAvFrameMetadata";

    private AvConstants() {
    }
}
