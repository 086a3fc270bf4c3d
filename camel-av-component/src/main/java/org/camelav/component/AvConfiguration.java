package org.camelav.component;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.camelav.media.codec.SkipFrame;
import org.camelav.media.codec.ThreadType;
import org.camelav.media.container.OptionsBuilder;
import org.camelav.media.container.Timestamps;
import org.camelav.media.video.Interpolation;

/**
 * Every option of an {@code av:} endpoint, in one place, as camel-kafka's KafkaConfiguration holds Kafka's. The
 * component holds one (set once, e.g. {@code camel.component.av.timeout}) and gives each endpoint a {@link #copy()}
 * that the endpoint's own URI parameters then override. The media layer never sees this mutable bean: the endpoint
 * turns it into immutable option records when it starts ({@link AvMediaOptions}).
 */
@UriParams
public class AvConfiguration implements Cloneable {

    // ---- common
    @UriParam(description = "Container/device format name (ffmpeg -f): lavfi, v4l2, rtsp, mp4, hls, flv, mpegts... Empty:"
                            + " probe the input, or guess the output format from the file name.")
    private String format;
    @UriParam(prefix = "formatOptions.", multiValue = true,
              description = "Demuxer/muxer and protocol options (AVDictionary), e.g. formatOptions.rtsp_transport=tcp,"
                            + " formatOptions.fflags=nobuffer, formatOptions.hls_time=2. Options FFmpeg does not know are"
                            + " logged as a warning.")
    private Map<String, Object> formatOptions = new HashMap<>();
    @UriParam(prefix = "codecOptions.", multiValue = true,
              description = "Decoder (consumer) or encoder (producer) options (AVDictionary), e.g. codecOptions.preset=fast,"
                            + " codecOptions.crf=28, codecOptions.tune=zerolatency.")
    private Map<String, Object> codecOptions = new HashMap<>();
    @UriParam(description = "Pixel format of delivered (consumer) or encoded (producer) video frames, FFmpeg names: bgr24,"
                            + " rgb24, gray, yuv420p... Consumer default: the decoder's own; producer default: the"
                            + " encoder's preferred format.")
    private String pixelFormat;
    @UriParam(description = "Width of delivered (consumer) or encoded (producer) video; with only width or height set the"
                            + " aspect ratio is kept. 0: the source's.")
    private int width;
    @UriParam(description = "Height of delivered (consumer) or encoded (producer) video; see width. 0: the source's.")
    private int height;
    @UriParam(defaultValue = OptionsBuilder.DEFAULT_INTERPOLATION_NAME,
              description = "swscale algorithm used when the pixel format or size changes.")
    private Interpolation interpolation = OptionsBuilder.DEFAULT_INTERPOLATION;
    @UriParam(javaType = "java.time.Duration", defaultValue = "" + OptionsBuilder.DEFAULT_TIMEOUT_MILLIS,
              description = "Bound on opening the input/output and on each read or write (milliseconds, or a duration"
                            + " such as 5s; 0: none), enforced through FFmpeg's interrupt callback so a dead source never"
                            + " blocks a thread; it fails with AvTimeoutException. On a live source it also sets when a"
                            + " connection that gives no media is given up: see Timeouts in the component documentation.")
    private long timeout = OptionsBuilder.DEFAULT_TIMEOUT_MILLIS;

    // ---- consumer
    @UriParam(label = "consumer", defaultValue = "frames", enums = "frames,packets",
              description = "frames: decode and deliver frames; packets: deliver demuxed packets without decoding. Refused"
                            + " pairs (the route fails to start naming both): mode=packets with latestFrame=true,"
                            + " zeroCopy=true, filter or audioFilter; mode=frames with bsf or audioBsf.")
    private AvMode mode = AvMode.FRAMES;
    @UriParam(label = "consumer",
              description = "Streams to deliver, comma-separated: video, audio, subtitle, data, all, best (the best video"
                            + " and the best audio stream), video:1 (the second video stream, like PyAV's"
                            + " decode(video=1)) or a stream index. Default: the best video stream, else the best audio"
                            + " stream.")
    private String streams;
    @UriParam(label = "consumer", description = "Decoder name to use instead of the default for the stream's codec.")
    private String decoder;
    @UriParam(label = "consumer", defaultValue = "DEFAULT",
              description = "Frames the decoder may skip (AVDiscard): NONKEY decodes key frames only.")
    private SkipFrame skipFrame;
    @UriParam(label = "consumer", description = "Decoder threading: NONE, SLICE, FRAME or AUTO (both). Default: FFmpeg's"
                                                + " (AUTO: frame threading where the codec has it, else slices).")
    private ThreadType threadType;
    @UriParam(label = "consumer", defaultValue = "0",
              description = "Decoder thread count. 0 (the default, as the ffmpeg CLI's -threads auto): one thread per core"
                            + " plus one; 1 decodes on the reading thread alone: least latency and CPU per stream, for many"
                            + " concurrent live sources. Frame threading delays each frame by up to threadCount frames;"
                            + " lowDelay turns it off.")
    private Integer threadCount;
    @UriParam(label = "consumer", defaultValue = "false",
              description = "Set AV_CODEC_FLAG_LOW_DELAY on the decoder (use with formatOptions.fflags=nobuffer for live"
                            + " sources).")
    private boolean lowDelay;
    @UriParam(label = "consumer",
              description = "FFmpeg video filter graph applied to decoded frames before pixel format/size conversion,"
                            + " e.g. fps=5,scale=640:-1. Refused with mode=packets, where it would never run. What"
                            + " reporting filters measure (scdet, blackdetect, signalstats...) comes in header"
                            + " CamelAvFrameMetadata.")
    private String filter;
    @UriParam(label = "consumer", description = "Sample format of delivered audio (s16, flt, fltp...). Default: the decoder's.")
    private String sampleFormat;
    @UriParam(description = "Sample rate of delivered (consumer) or encoded (producer) audio. 0: the source's.")
    private int sampleRate;
    @UriParam(description = "Channel layout of delivered (consumer) or encoded (producer) audio: mono, stereo, 5.1...")
    private String channelLayout;
    @UriParam(label = "consumer", description = "Seek to this many seconds before reading; frames before it are not"
                                                + " delivered (packets mode starts at the key frame before it).")
    private Double startTime;
    @UriParam(label = "consumer", defaultValue = "0",
              description = "Stop after this many exchanges (frames or packets of all selected streams); 0: no limit.")
    private long maxFrames;
    @UriParam(label = "consumer", description = "Stop after this many seconds of media time.")
    private Double duration;
    @UriParam(label = "consumer", defaultValue = "false",
              description = "Start a file over at its end; timestamps keep increasing across passes.")
    private boolean loop;
    @UriParam(label = "consumer", defaultValue = "false",
              description = "Deliver frames at the pace of their timestamps, like ffmpeg -re (for files used as live sources).")
    private boolean realtime;

    @UriParam(label = "consumer", defaultValue = "true",
              description = "Reconnect network inputs (rtsp, rtmp, http, udp, srt...) and devices when they fail to open,"
                            + " fail while reading or end, with back-off. Files and lavfi graphs are never reconnected.")
    private boolean reconnect = true;
    @UriParam(javaType = "java.time.Duration", label = "consumer", defaultValue = "500",
              description = "First reconnect delay in milliseconds; it doubles on each failed attempt.")
    private long reconnectDelay = 500;
    @UriParam(javaType = "java.time.Duration", label = "consumer", defaultValue = "30000",
              description = "Longest reconnect delay in milliseconds.")
    private long reconnectMaxDelay = 30_000;
    @UriParam(label = "consumer", defaultValue = "-1",
              description = "Consecutive failed reconnect attempts before the consumer gives up; -1: forever.")
    private int reconnectAttempts = -1;
    @UriParam(label = "consumer", defaultValue = "false",
              description = "Latest-frame mode for live sources: when the route is slower than the source, stale frames"
                            + " are dropped (counted in CamelAvDroppedFrames) instead of queued, so every exchange carries"
                            + " the newest frame. Reading runs on a second thread. Refused with mode=packets: a dropped"
                            + " packet breaks its GOP for recorders and decoders downstream.")
    private boolean latestFrame;
    @UriParam(label = "consumer,advanced", defaultValue = "false",
              description = "Deliver video frames without copying their pixels into a Java array: the body is valid"
                            + " only until its exchange completes (then it throws IllegalStateException; call"
                            + " VideoFrame.copy() to keep one). See Zero-copy frames in the component documentation.")
    private boolean zeroCopy;
    @UriParam(label = "consumer,advanced", defaultValue = "4",
              description = "How many exchanges may be in flight at once when the route completes asynchronously (an"
                            + " av: producer with pipelined=true, or another asynchronous endpoint), so that decoding the"
                            + " next frame overlaps the route's work on this one. 1 waits for each exchange; latestFrame"
                            + " always does.")
    private int maxInflightExchanges = 4;
    @UriParam(javaType = "java.time.Duration", label = "advanced", defaultValue = "5000",
              description = "How long stopping the consumer waits, in milliseconds, for the exchange in flight (a frame"
                            + " being written to a file completes) before it interrupts the reading thread; Camel's"
                            + " graceful shutdown then waits as long again for the thread to end. On a producer: how long"
                            + " a probe, thumbnail or transcode in flight may go on once the CamelContext starts to"
                            + " stop before it is interrupted (its exchange fails); one stuck on a stalled source (no I/O"
                            + " for 1 s) is interrupted at once, so a read blocked on a stalled body does not hold the"
                            + " stop for its whole timeout.")
    private long stopTimeout = 5_000;
    @UriParam(label = "consumer", defaultValue = "false",
              description = "Deliver upright video pixels, as ffmpeg's default -autorotate does: the stream's display"
                            + " matrix (phone videos) is applied with the filters ffmpeg inserts (transpose for 90/270,"
                            + " whose width and height are swapped; hflip/vflip for 180) before the filter option, and"
                            + " CamelAvRotation is then 0. false (the default, PyAV's behaviour): pixels as coded, with"
                            + " the rotation in CamelAvRotation; a transcoding producer keeps the display matrix.")
    private boolean autorotate;

    // ---- producer
    @UriParam(label = "producer", defaultValue = "write", enums = "write,probe,transcode,thumbnail,snapshot,live,list,export,timelapse,codecs,formats,hwaccels,filters,protocols,bsfs",
              description = "What the producer does with each exchange: write (the default) encodes or remuxes its"
                            + " frame/packet into the output; probe, transcode and thumbnail work on the input the path"
                            + " names ('body': the message body); snapshot gives a live source's newest picture and live"
                            + " a viewer of its fragmented MP4 for browsers; list, export and timelapse read a recording"
                            + " (the path is a record or clip endpoint's pattern); codecs, formats, hwaccels, filters,"
                            + " protocols and bsfs list what this FFmpeg supports. Each is described in the Producer"
                            + " operations section of the component documentation.")
    private AvOperation operation = AvOperation.WRITE;
    @UriParam(label = "producer", defaultValue = "mp4", enums = "mp4,mkv,ts",
              description = "operation=export/timelapse: the container of the file made.")
    private String exportFormat = "mp4";
    @UriParam(label = "producer", defaultValue = "false",
              description = "operation=export: start with the frame shown at CamelAvFrom instead of the key frame at or"
                            + " before it. Only the pictures of that first GOP from CamelAvFrom to the next key frame are"
                            + " decoded and re-encoded (same codec, size and pixel format, carrying their own parameter"
                            + " sets in-band; the next copied key frame carries the recording's again); the rest is"
                            + " copied. H.264 (libx264 or libopenh264) and MPEG-4 Part 2 recordings; other codecs fail"
                            + " the exchange.")
    private boolean exact;
    @UriParam(label = "producer", defaultValue = "60",
              description = "operation=timelapse: recorded seconds per second of the time-lapse (60: an hour becomes a"
                            + " minute). Header CamelAvTimelapseDuration (seconds) overrides it with a target length."
                            + " Where key frames are at least as dense as the time-lapse's frames only key frames are"
                            + " decoded; otherwise each GOP up to its last picked picture.")
    private double speed = 60;
    @UriParam(label = "producer", defaultValue = "4194304",
              description = "operation=live: bytes a viewer may fall behind by (its queue of fragments) before it"
                            + " drops them and jumps to the newest key frame; what a slow viewer costs in memory at most.")
    private long liveQueueBytes = 4L << 20;
    @UriParam(label = "producer", defaultValue = "true",
              description = "operation=live: carry the source's audio next to the video (AAC as it is, other audio such as"
                            + " G.711 as Opus, see liveTranscode). false: video only, which"
                            + " plays closer to live in a browser (no audio clock to follow, see the live video notes);"
                            + " a muted grid of cameras wants this. Viewers with and without audio are served by two"
                            + " muxers of the same camera session.")
    private boolean liveAudio = true;
    @UriParam(label = "producer", defaultValue = "auto", enums = "auto,always,never",
              description = "operation=live: when the camera's video is re-encoded to H.264 for browsers, once per"
                            + " camera while someone watches (libopenh264 in the LGPL build: no B-frames, a key frame"
                            + " every second). auto: video browsers cannot play through MSE (anything but H.264 and"
                            + " H.265, e.g. MJPEG); always: every video (H.265 for a browser without HEVC, a camera's"
                            + " long GOPs made 1 s); never: such a camera is refused. Audio that is not AAC (G.711)"
                            + " becomes Opus whenever a viewer with audio watches, except with never.")
    private String liveTranscode = "auto";
    @UriParam(label = "producer", description = "thumbnail: time of the frame in seconds; default the first key frame.")
    private Double thumbnailTime;
    @UriParam(label = "producer", defaultValue = "jpeg", enums = "jpeg,png,webp",
              description = "thumbnail: image format.")
    private String imageFormat = "jpeg";
    @UriParam(label = "producer", defaultValue = "80", description = "thumbnail: JPEG/WebP quality, 1 to 100.")
    private int quality = 80;
    @UriParam(label = "producer",
              description = "Video encoder name (libx264, libopenh264, mpeg4, mjpeg, png, libvpx...); h264 picks libx264 if"
                            + " present, else libopenh264. Default: the output format's default video codec.")
    private String codec;
    @UriParam(label = "producer", description = "Video bit rate in bits/s.")
    private long bitRate;
    @UriParam(label = "producer", description = "Key frame interval (GOP size) in frames.")
    private int gopSize;
    @UriParam(label = "producer",
              description = "Frame rate of the encoded video (25, 30000/1001). Frames without timestamps are numbered at"
                            + " this rate. Default: the source stream's average rate, else 25.")
    private String frameRate;
    @UriParam(label = "producer", description = "Maximum consecutive B-frames.")
    private Integer maxBFrames;
    @UriParam(label = "producer", defaultValue = OptionsBuilder.DEFAULT_TIMESTAMPS_NAME,
              description = "Where video timestamps come from: SOURCE (the frame's own pts; frames without one are"
                            + " numbered at frameRate), FRAME_RATE (number every frame at frameRate: constant frame rate),"
                            + " WALLCLOCK (time since the first frame, for live sources of raw images).")
    private Timestamps timestamps = OptionsBuilder.DEFAULT_TIMESTAMPS;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Keep source timestamps unchanged (ffmpeg -copyts). By default the output starts at zero,"
                            + " all streams shifted by the same amount.")
    private boolean copyTimestamps;
    @UriParam(label = "producer", defaultValue = "" + OptionsBuilder.DEFAULT_STREAM_WAIT_ITEMS,
              description = "How many exchanges to hold back while waiting for every stream of the source (e.g. video and"
                            + " audio) before writing the output header, and at most 3 s of media time (audio announced"
                            + " by a camera that never sends it): then the header lists the streams seen. A stream that"
                            + " appears later continues in a new output (name-1.ext).")
    private int streamWaitItems = OptionsBuilder.DEFAULT_STREAM_WAIT_ITEMS;
    @UriParam(label = "producer", description = "Audio encoder name (aac, libopus, mp3...). Default: the output format's.")
    private String audioCodec;
    @UriParam(label = "producer", description = "Audio bit rate in bits/s.")
    private long audioBitRate;
    @UriParam(label = "producer", defaultValue = "Override", enums = "Override,Fail,Rename",
              description = "What the first output of a run does with a local file that already exists: Override"
                            + " replaces it (ffmpeg -y), Fail fails the exchange and leaves the file alone, Rename keeps"
                            + " it and writes name-1.ext (the first free number). Within a run nothing this endpoint"
                            + " wrote is ever replaced: after an end of stream, a changed stream or a failed output,"
                            + " the next output is name-1.ext, name-2.ext... whatever this option says.")
    private AvFileExist fileExist = AvFileExist.Override;
    @UriParam(javaType = "java.time.Duration", label = "producer,advanced", defaultValue = "5000",
              description = "How long stopping the producer lets it write what a pipelined producer still has queued,"
                            + " and then as long again for the encoders to flush and the muxer to write its trailer, in"
                            + " milliseconds, before it interrupts a write blocked on a stalled server.")
    private long closeTimeout = 5_000;
    @UriParam(label = "producer", defaultValue = "true",
              description = "Write (encode or remux) on the producer's own thread through a queue of a few items, so"
                            + " the sender decodes the next frame while this one is encoded; an exchange completes when"
                            + " its item is written and fails if writing it fails; a full queue holds the sender. false:"
                            + " write on the sender's thread.")
    private boolean pipelined = true;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Continuous recording of packets (mode=packets on the consumer) without re-encoding: the path"
                            + " is a strftime pattern (/rec/cam1/%Y-%m-%d/cam1-%H%M%S.mp4) on each segment's wall-clock"
                            + " start, its folders are created; a segment starts on a key frame, its timestamps start at"
                            + " 0, and it is cut at the first key frame at or after segmentDuration. A discontinuity"
                            + " (reconnect) closes the open segment; the exchange that closed one carries"
                            + " CamelAvSegmentClosed, CamelAvSegmentStart, CamelAvSegmentEnd and CamelAvSegmentDuration."
                            + " Refused with clip=true and with an operation other than write.")
    private boolean record;
    @UriParam(label = "producer", defaultValue = "60",
              description = "record: seconds per segment; a segment is cut at the first key frame at or after it.")
    private double segmentDuration = 60;
    @UriParam(label = "producer", defaultValue = "camera", enums = "camera,local",
              description = "record/clip: the wall clock that names files. camera: the camera's RTCP sender-report clock"
                            + " (FFmpeg's start_time_realtime, header CamelAvRealtimeStart) once the source has sent it,"
                            + " before that the receive time of the first packet after each (re)connect, advanced by the"
                            + " media timestamps (names follow the media, not network jitter); local: the receive time"
                            + " of each file's first packet on this machine.")
    private String segmentClock = "camera";
    @UriParam(label = "producer,advanced", defaultValue = "5",
              description = "record/clip with segmentClock=camera: how many seconds the camera's clock may differ from"
                            + " this machine's receive clock. Beyond it (a camera whose clock reset after a power cut,"
                            + " one that sends 21 fps while its timestamps say 25) names and segment lengths follow the"
                            + " receive clock, with one WARN. 5 s is over the burst in which an RTSP connection"
                            + " delivers its first second (about 1.2 s) plus jitter buffers, and well under a segment.")
    private double segmentClockTolerance = 5;
    @UriParam(label = "producer", defaultValue = "0",
              description = "record/clip: before each new file, delete this endpoint's oldest files while the volume"
                            + " has fewer free bytes than this (usable space of its file store); 0: off. Whatever the"
                            + " limits, a recorder with retention (retainHours, retainBytes or minFreeBytes) also deletes"
                            + " its oldest file when a write fails for lack of space, so a volume shared with other data"
                            + " cannot stop recording for good.")
    private long minFreeBytes;
    @UriParam(label = "producer", defaultValue = "0",
              description = "record/clip: delete this endpoint's files that ended more than this many hours ago"
                            + " (fractions allowed), by this machine's clock when each file was closed, never the"
                            + " camera's; 0: keep. Only files this endpoint wrote are deleted,"
                            + " those of its earlier runs too (a journal in the pattern root folder lists them).")
    private double retainHours;
    @UriParam(label = "producer", defaultValue = "0",
              description = "record/clip: delete this endpoint's oldest files while together they are larger than this"
                            + " many bytes; 0: no limit. Only files this endpoint wrote are deleted,"
                            + " those of its earlier runs too (a journal in the pattern root folder lists them).")
    private long retainBytes;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Event clips of packets without re-encoding: the endpoint receives the packets continuously,"
                            + " keeps the last preRoll seconds (from a key frame) in memory, and an exchange with header"
                            + " CamelAvTrigger writes a clip from preRoll seconds before the trigger to postRoll seconds after it; a trigger during"
                            + " an open clip extends it. The path is a strftime pattern as for record. The exchange that"
                            + " closed a clip carries CamelAvClipClosed and the segment time headers. Refused with"
                            + " record=true and with an operation other than write.")
    private boolean clip;
    @UriParam(label = "producer", defaultValue = "5",
              description = "clip: seconds before the trigger; the clip starts at the key frame at or before it. Memory:"
                            + " about bit rate x (preRoll plus one GOP) / 8 bytes per endpoint.")
    private double preRoll = 5;
    @UriParam(label = "producer", defaultValue = "10",
              description = "clip: seconds after the last trigger.")
    private double postRoll = 10;

    // ---- untrusted input
    @UriParam(label = "security", defaultValue = "false",
              description = "Message bodies (byte[], InputStream, File...) may use the demuxers that open other"
                            + " resources: hls, dash, concat, imf, sdp, rtp, rtsp, sap, image2, lavfi, tee... Off by"
                            + " default: a playlist or manifest in a body could make FFmpeg read local files or connect"
                            + " to hosts. Bodies also open nothing nested unless protocolWhitelist names protocols.")
    private boolean allowReferences;
    @UriParam(label = "security",
              description = "FFmpeg's protocol_whitelist for the input and everything it opens (comma list: file,http,"
                            + "https,tls,tcp...). Default: a message body none (File bodies: file), a URL its own"
                            + " scheme's (https: http,https,tls,tcp,crypto,data,httpproxy; rtsp: rtsp,rtp,udp,tcp,tls,"
                            + "http...), so a playlist served over https cannot open file: URLs.")
    private String protocolWhitelist;
    @UriParam(label = "security",
              description = "FFmpeg's format_whitelist: the demuxers allowed to read the input (comma list, e.g."
                            + " mov,matroska,mpegts). Empty: any (for bodies, any that opens no other resource).")
    private String formatWhitelist;
    @UriParam(label = "security",
              description = "FFmpeg's codec_whitelist: the decoders allowed (comma list, e.g. h264,hevc,aac).")
    private String codecWhitelist;
    @UriParam(label = "security", defaultValue = "67108864",
              description = "Largest decoded picture in pixels (width x height; default 8192x8192): FFmpeg's"
                            + " max_pixels, so a crafted header cannot make the decoder allocate gigabytes. 0: FFmpeg's"
                            + " own bound.")
    private long maxPixels = 8192L * 8192L;
    @UriParam(label = "security", defaultValue = "0",
              description = "Largest message body in bytes (byte[], InputStream, File) that probe, thumbnail,"
                            + " transcode and frames read; a longer one fails the exchange with an AvRefusedException"
                            + " naming this option, a stream as soon as it crosses the bound (it is never buffered"
                            + " whole). 0: no bound.")
    private long maxBodySize;
    @UriParam(label = "security", defaultValue = "0",
              description = "Longest message body in media seconds: reading a packet later than this (from the"
                            + " stream's start) fails the exchange with an AvRefusedException naming this option, so a"
                            + " small body whose timestamps claim hours cannot keep a transcode busy. 0: no bound.")
    private double maxBodyDuration;
    @UriParam(label = "security", defaultValue = "0",
              description = "Most packets read from a message body (all streams together: one per video or audio"
                            + " frame); more fail the exchange with an AvRefusedException naming this option. 0: no"
                            + " bound.")
    private long maxBodyFrames;
    @UriParam(label = "security", secret = true,
              description = "User name for the URL (rtsp, http, rtmp...), joined into it when it is opened, so that"
                            + " the password can be a secret option (password=RAW({{cam1.password}})) rather than user"
                            + " info in the URI. Camel masks secret options in endpoint URIs, JMX and logs, but its"
                            + " route dumps print the route as written, placeholders resolved: set"
                            + " camel.main.dump-routes-resolve-placeholders=false (README, Security).")
    private String username;
    @UriParam(label = "security", secret = true, description = "Password for the URL; see username.")
    private String password;

    // ---- side data, subtitles, data streams (issue 33 §2-4)
    @UriParam(label = "consumer",
              description = "Ask the video decoder to export the motion vectors of each frame (flags2=+export_mvs, as"
                            + " FFmpeg's doc/examples/extract_mvs.c; H.264, MPEG-2, MPEG-4 part 2). Each P/B-frame's"
                            + " body then carries them as a compact array (VideoFrame.sideData().motionVectors():"
                            + " source, block size, source and destination centre, motion_x/y/scale) and"
                            + " CamelAvMotionVectors counts them; I-frames have none. The cheapest motion detector:"
                            + " no pixels are compared. Software decoding only (frames decoded with hwaccel carry"
                            + " none); refused with mode=packets.")
    private boolean exportMotionVectors;
    @UriParam(label = "producer",
              description = "The encoder of text subtitles the producer receives (Subtitle bodies: decoded SRT, ASS,"
                            + " mov_text or WebVTT, or built with Subtitle.text): srt (SubRip), ass, mov_text (MP4),"
                            + " webvtt. Empty: the muxer's default, as ffmpeg picks it: mov_text for mp4/mov, ass for"
                            + " mkv. Bitmap subtitles are not re-encoded; remux them with mode=packets.")
    private String subtitleCodec;

    // ---- hardware acceleration
    @UriParam(label = "consumer,advanced", enums = "auto,cuda,vaapi,qsv,vulkan,drm,vdpau,opencl",
              description = "Decode video on this hardware device type (ffmpeg -hwaccel; PyAV's hwaccel): cuda (NVDEC),"
                            + " vaapi, qsv, vulkan... or auto (each type the decoder supports, in FFmpeg's order)."
                            + " Frames are downloaded to system memory before any pixelFormat/size conversion. Empty:"
                            + " decode on the CPU. See hwaccelFallback.")
    private String hwaccel;
    @UriParam(label = "advanced",
              description = "The hardware device to open, for hwaccel (consumer) or a hardware codec such as h264_nvenc"
                            + " (producer): /dev/dri/renderD128 for vaapi/qsv, a GPU index such as 0 for cuda. Empty:"
                            + " the device type's default.")
    private String hwaccelDevice;
    @UriParam(label = "advanced", defaultValue = "true",
              description = "When the hardware device cannot be opened (driver library or device node missing) or the"
                            + " codec has no path on it: true decodes on the CPU (consumer) or encodes with"
                            + " fallbackCodec (producer), after one WARN that names what is missing; false fails: the"
                            + " consumer route at start, the producer's first exchange.")
    private boolean hwaccelFallback = true;
    @UriParam(label = "producer,advanced",
              description = "The software encoder used when a hardware codec (h264_nvenc, hevc_vaapi...) cannot open"
                            + " and hwaccelFallback is true, e.g. libopenh264. Empty: FFmpeg's default software encoder"
                            + " for the same format (for H.264 libx264, else libopenh264).")
    private String fallbackCodec;

    // ---- audio filters and bitstream filters (PyAV's av.filter / BitStreamFilterContext)
    @UriParam(label = "consumer",
              description = "FFmpeg audio filter graph applied to decoded audio before sampleFormat/sampleRate/"
                            + "channelLayout conversion, as ffmpeg -af: volume=0.5, highpass=f=200, aresample=16000,"
                            + " loudnorm. Reporting filters put what they measure into header CamelAvFrameMetadata:"
                            + " silencedetect (lavfi.silence_start, lavfi.silence_end, lavfi.silence_duration),"
                            + " ebur128=metadata=1 (lavfi.r128.M, lavfi.r128.S, lavfi.r128.I, lavfi.r128.LRA...),"
                            + " astats=metadata=1:reset=1 (lavfi.astats.Overall.RMS_level...). Rebuilt, after draining,"
                            + " when the source changes its sample rate, format or layout. Refused with mode=packets.")
    private String audioFilter;
    @UriParam(description = "Bitstream filter chain for video packets, as ffmpeg -bsf:v (FFmpeg's syntax, filters"
                            + " separated by ','): h264_mp4toannexb, hevc_mp4toannexb, dump_extra,"
                            + " filter_units=remove_types=6, h264_metadata=..., hevc_metadata=... On the consumer"
                            + " (mode=packets only; refused in frames mode) the delivered packets and their stream's"
                            + " codec parameters are the filter's output; on the producer it runs on each video"
                            + " stream's packets before the muxer, stream copies and encoded streams alike (the output"
                            + " stream's parameters are the filter's output). Use RAW(...) when the chain holds '&' or"
                            + " '+'.")
    private String bsf;
    @UriParam(description = "Bitstream filter chain for audio packets, as ffmpeg -bsf:a, e.g. aac_adtstoasc; see bsf.")
    private String audioBsf;
    @UriParam(label = "producer", description = "Language of the video output stream (ISO 639-2, e.g. eng), as ffmpeg"
                                                + " -metadata:s:v language=eng.")
    private String videoLanguage;
    @UriParam(label = "producer", description = "Title of the video output stream, as ffmpeg -metadata:s:v title=...")
    private String videoTitle;
    @UriParam(label = "producer", description = "Language of the audio output stream (ISO 639-2, e.g. fra), as ffmpeg"
                                                + " -metadata:s:a language=fra.")
    private String audioLanguage;
    @UriParam(label = "producer", description = "Title of the audio output stream, as ffmpeg -metadata:s:a title=...")
    private String audioTitle;
    @UriParam(label = "producer", enums = "left,center,topleft,top,bottomleft,bottom",
              description = "Where the encoded video's chroma samples sit, FFmpeg's names (the encoder's"
                            + " chroma_sample_location; what ffmpeg -vf setparams=chroma_location=... gives), stored by"
                            + " the containers and codecs that carry it, e.g. Matroska. Empty: the encoder's default.")
    private String chromaLocation;
    @UriParam(label = "producer", defaultValue = "0",
              description = "Samples per channel in each frame given to an audio encoder that takes any frame size"
                            + " (pcm_*, flac...), e.g. 480 for 10 ms packets at 48 kHz. 0: 1024. Encoders with a fixed"
                            + " frame size (aac 1024, mp2 1152, libopus 960) always get theirs.")
    private int audioFrameSize;
    @UriParam(label = "producer", defaultValue = "1", enums = "1,2",
              description = "2: operation=transcode encodes the video in two passes, as ffmpeg -pass 1 then -pass 2"
                            + " (-passlogfile): the first reads the whole input only to collect the encoder's"
                            + " statistics in a temp file (deleted afterwards, also on failure), the second encodes"
                            + " with them, so the output's bit rate meets bitRate over the whole input. Needs an input"
                            + " that can be read twice (a file, URL or byte[] body, not a live source or an"
                            + " InputStream) and an encoder with a two-pass mode (mpeg4, mpeg2video, libvpx,"
                            + " libvpx-vp9...; libopenh264 has none and fails the exchange). Refused with other"
                            + " operations.")
    private int passes = 1;

    /** A copy whose option maps are its own: endpoints never share them with each other or the component. */
    public AvConfiguration copy() {
        try {
            AvConfiguration copy = (AvConfiguration) clone();
            copy.formatOptions = formatOptions == null ? new HashMap<>() : new HashMap<>(formatOptions);
            copy.codecOptions = codecOptions == null ? new HashMap<>() : new HashMap<>(codecOptions);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    // ---- getters/setters (the generated configurers call these); one line each: the annotations above document them

    public String getFormat() { return format; }
    public void setFormat(String format) { this.format = format; }

    public Map<String, Object> getFormatOptions() { return formatOptions; }
    public void setFormatOptions(Map<String, Object> formatOptions) { this.formatOptions = formatOptions; }

    public Map<String, Object> getCodecOptions() { return codecOptions; }
    public void setCodecOptions(Map<String, Object> codecOptions) { this.codecOptions = codecOptions; }

    public String getPixelFormat() { return pixelFormat; }
    public void setPixelFormat(String pixelFormat) { this.pixelFormat = pixelFormat; }

    public int getWidth() { return width; }
    public void setWidth(int width) { this.width = width; }

    public int getHeight() { return height; }
    public void setHeight(int height) { this.height = height; }

    public Interpolation getInterpolation() { return interpolation; }
    public void setInterpolation(Interpolation interpolation) { this.interpolation = interpolation; }

    public long getTimeout() { return timeout; }
    public void setTimeout(long timeout) { this.timeout = timeout; }

    public AvMode getMode() { return mode; }
    public void setMode(AvMode mode) { this.mode = mode; }

    public String getStreams() { return streams; }
    public void setStreams(String streams) { this.streams = streams; }

    public String getDecoder() { return decoder; }
    public void setDecoder(String decoder) { this.decoder = decoder; }

    public SkipFrame getSkipFrame() { return skipFrame; }
    public void setSkipFrame(SkipFrame skipFrame) { this.skipFrame = skipFrame; }

    public ThreadType getThreadType() { return threadType; }
    public void setThreadType(ThreadType threadType) { this.threadType = threadType; }

    public Integer getThreadCount() { return threadCount; }
    public void setThreadCount(Integer threadCount) { this.threadCount = threadCount; }

    public boolean isLowDelay() { return lowDelay; }
    public void setLowDelay(boolean lowDelay) { this.lowDelay = lowDelay; }

    public String getFilter() { return filter; }
    public void setFilter(String filter) { this.filter = filter; }

    public String getSampleFormat() { return sampleFormat; }
    public void setSampleFormat(String sampleFormat) { this.sampleFormat = sampleFormat; }

    public int getSampleRate() { return sampleRate; }
    public void setSampleRate(int sampleRate) { this.sampleRate = sampleRate; }

    public String getChannelLayout() { return channelLayout; }
    public void setChannelLayout(String channelLayout) { this.channelLayout = channelLayout; }

    public Double getStartTime() { return startTime; }
    public void setStartTime(Double startTime) { this.startTime = startTime; }

    public long getMaxFrames() { return maxFrames; }
    public void setMaxFrames(long maxFrames) { this.maxFrames = maxFrames; }

    public Double getDuration() { return duration; }
    public void setDuration(Double duration) { this.duration = duration; }

    public boolean isLoop() { return loop; }
    public void setLoop(boolean loop) { this.loop = loop; }

    public boolean isRealtime() { return realtime; }
    public void setRealtime(boolean realtime) { this.realtime = realtime; }

    public boolean isReconnect() { return reconnect; }
    public void setReconnect(boolean reconnect) { this.reconnect = reconnect; }

    public long getReconnectDelay() { return reconnectDelay; }
    public void setReconnectDelay(long reconnectDelay) { this.reconnectDelay = reconnectDelay; }

    public long getReconnectMaxDelay() { return reconnectMaxDelay; }
    public void setReconnectMaxDelay(long reconnectMaxDelay) { this.reconnectMaxDelay = reconnectMaxDelay; }

    public int getReconnectAttempts() { return reconnectAttempts; }
    public void setReconnectAttempts(int reconnectAttempts) { this.reconnectAttempts = reconnectAttempts; }

    public boolean isLatestFrame() { return latestFrame; }
    public void setLatestFrame(boolean latestFrame) { this.latestFrame = latestFrame; }

    public boolean isZeroCopy() { return zeroCopy; }
    public void setZeroCopy(boolean zeroCopy) { this.zeroCopy = zeroCopy; }
    public int getMaxInflightExchanges() { return maxInflightExchanges; }
    public void setMaxInflightExchanges(int maxInflightExchanges) { this.maxInflightExchanges = maxInflightExchanges; }

    public boolean isExact() { return exact; }
    public void setExact(boolean exact) { this.exact = exact; }

    public double getSpeed() { return speed; }
    public void setSpeed(double speed) { this.speed = speed; }

    public String getExportFormat() { return exportFormat; }
    public void setExportFormat(String exportFormat) { this.exportFormat = exportFormat; }
    public boolean isLiveAudio() { return liveAudio; }
    public void setLiveAudio(boolean liveAudio) { this.liveAudio = liveAudio; }
    public String getLiveTranscode() { return liveTranscode; }
    public void setLiveTranscode(String liveTranscode) { this.liveTranscode = liveTranscode; }
    public long getLiveQueueBytes() { return liveQueueBytes; }
    public void setLiveQueueBytes(long liveQueueBytes) { this.liveQueueBytes = liveQueueBytes; }
    public AvOperation getOperation() { return operation; }
    public void setOperation(AvOperation operation) { this.operation = operation; }

    public Double getThumbnailTime() { return thumbnailTime; }
    public void setThumbnailTime(Double thumbnailTime) { this.thumbnailTime = thumbnailTime; }

    public String getImageFormat() { return imageFormat; }
    public void setImageFormat(String imageFormat) { this.imageFormat = imageFormat; }

    public int getQuality() { return quality; }
    public void setQuality(int quality) { this.quality = quality; }

    public String getCodec() { return codec; }
    public void setCodec(String codec) { this.codec = codec; }

    public long getBitRate() { return bitRate; }
    public void setBitRate(long bitRate) { this.bitRate = bitRate; }

    public int getGopSize() { return gopSize; }
    public void setGopSize(int gopSize) { this.gopSize = gopSize; }

    public String getFrameRate() { return frameRate; }
    public void setFrameRate(String frameRate) { this.frameRate = frameRate; }

    public Integer getMaxBFrames() { return maxBFrames; }
    public void setMaxBFrames(Integer maxBFrames) { this.maxBFrames = maxBFrames; }

    public Timestamps getTimestamps() { return timestamps; }
    public void setTimestamps(Timestamps timestamps) { this.timestamps = timestamps; }

    public boolean isCopyTimestamps() { return copyTimestamps; }
    public void setCopyTimestamps(boolean copyTimestamps) { this.copyTimestamps = copyTimestamps; }

    public int getStreamWaitItems() { return streamWaitItems; }
    public void setStreamWaitItems(int streamWaitItems) { this.streamWaitItems = streamWaitItems; }

    public String getAudioCodec() { return audioCodec; }
    public void setAudioCodec(String audioCodec) { this.audioCodec = audioCodec; }

    public long getAudioBitRate() { return audioBitRate; }
    public void setAudioBitRate(long audioBitRate) { this.audioBitRate = audioBitRate; }

    public long getStopTimeout() { return stopTimeout; }
    public void setStopTimeout(long stopTimeout) { this.stopTimeout = stopTimeout; }

    public boolean isAutorotate() { return autorotate; }
    public void setAutorotate(boolean autorotate) { this.autorotate = autorotate; }

    public AvFileExist getFileExist() { return fileExist; }
    public void setFileExist(AvFileExist fileExist) { this.fileExist = fileExist; }

    public long getCloseTimeout() { return closeTimeout; }
    public void setCloseTimeout(long closeTimeout) { this.closeTimeout = closeTimeout; }
    public boolean isPipelined() { return pipelined; }
    public void setPipelined(boolean pipelined) { this.pipelined = pipelined; }

    public String getHwaccel() { return hwaccel; }
    public void setHwaccel(String hwaccel) { this.hwaccel = hwaccel; }

    public String getHwaccelDevice() { return hwaccelDevice; }
    public void setHwaccelDevice(String hwaccelDevice) { this.hwaccelDevice = hwaccelDevice; }

    public boolean isHwaccelFallback() { return hwaccelFallback; }
    public void setHwaccelFallback(boolean hwaccelFallback) { this.hwaccelFallback = hwaccelFallback; }

    public String getFallbackCodec() { return fallbackCodec; }
    public void setFallbackCodec(String fallbackCodec) { this.fallbackCodec = fallbackCodec; }

    public boolean isRecord() { return record; }
    public void setRecord(boolean record) { this.record = record; }

    public double getSegmentDuration() { return segmentDuration; }
    public void setSegmentDuration(double segmentDuration) { this.segmentDuration = segmentDuration; }

    public String getSegmentClock() { return segmentClock; }
    public void setSegmentClock(String segmentClock) { this.segmentClock = segmentClock; }

    public double getSegmentClockTolerance() { return segmentClockTolerance; }
    public void setSegmentClockTolerance(double segmentClockTolerance) { this.segmentClockTolerance = segmentClockTolerance; }

    public long getMinFreeBytes() { return minFreeBytes; }
    public void setMinFreeBytes(long minFreeBytes) { this.minFreeBytes = minFreeBytes; }

    public double getRetainHours() { return retainHours; }
    public void setRetainHours(double retainHours) { this.retainHours = retainHours; }

    public long getRetainBytes() { return retainBytes; }
    public void setRetainBytes(long retainBytes) { this.retainBytes = retainBytes; }

    public boolean isClip() { return clip; }
    public void setClip(boolean clip) { this.clip = clip; }

    public double getPreRoll() { return preRoll; }
    public void setPreRoll(double preRoll) { this.preRoll = preRoll; }

    public double getPostRoll() { return postRoll; }
    public void setPostRoll(double postRoll) { this.postRoll = postRoll; }

    public boolean isAllowReferences() { return allowReferences; }
    public void setAllowReferences(boolean allowReferences) { this.allowReferences = allowReferences; }

    public String getProtocolWhitelist() { return protocolWhitelist; }
    public void setProtocolWhitelist(String protocolWhitelist) { this.protocolWhitelist = protocolWhitelist; }

    public String getFormatWhitelist() { return formatWhitelist; }
    public void setFormatWhitelist(String formatWhitelist) { this.formatWhitelist = formatWhitelist; }

    public String getCodecWhitelist() { return codecWhitelist; }
    public void setCodecWhitelist(String codecWhitelist) { this.codecWhitelist = codecWhitelist; }

    public long getMaxPixels() { return maxPixels; }
    public void setMaxPixels(long maxPixels) { this.maxPixels = maxPixels; }
    public long getMaxBodySize() { return maxBodySize; }
    public void setMaxBodySize(long maxBodySize) { this.maxBodySize = maxBodySize; }
    public double getMaxBodyDuration() { return maxBodyDuration; }
    public void setMaxBodyDuration(double maxBodyDuration) { this.maxBodyDuration = maxBodyDuration; }
    public long getMaxBodyFrames() { return maxBodyFrames; }
    public void setMaxBodyFrames(long maxBodyFrames) { this.maxBodyFrames = maxBodyFrames; }

    public boolean isExportMotionVectors() { return exportMotionVectors; }
    public void setExportMotionVectors(boolean exportMotionVectors) { this.exportMotionVectors = exportMotionVectors; }

    public String getSubtitleCodec() { return subtitleCodec; }
    public void setSubtitleCodec(String subtitleCodec) { this.subtitleCodec = subtitleCodec; }

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }

    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }

    public String getAudioFilter() { return audioFilter; }
    public void setAudioFilter(String audioFilter) { this.audioFilter = audioFilter; }
    public String getBsf() { return bsf; }
    public void setBsf(String bsf) { this.bsf = bsf; }
    public String getAudioBsf() { return audioBsf; }
    public void setAudioBsf(String audioBsf) { this.audioBsf = audioBsf; }
    public String getVideoLanguage() { return videoLanguage; }
    public void setVideoLanguage(String videoLanguage) { this.videoLanguage = videoLanguage; }
    public String getVideoTitle() { return videoTitle; }
    public void setVideoTitle(String videoTitle) { this.videoTitle = videoTitle; }
    public String getAudioLanguage() { return audioLanguage; }
    public void setAudioLanguage(String audioLanguage) { this.audioLanguage = audioLanguage; }
    public String getAudioTitle() { return audioTitle; }
    public void setAudioTitle(String audioTitle) { this.audioTitle = audioTitle; }
    public String getChromaLocation() { return chromaLocation; }
    public void setChromaLocation(String chromaLocation) { this.chromaLocation = chromaLocation; }
    public int getPasses() { return passes; }
    public void setPasses(int passes) { this.passes = passes; }
    public int getAudioFrameSize() { return audioFrameSize; }
    public void setAudioFrameSize(int audioFrameSize) { this.audioFrameSize = audioFrameSize; }
}
