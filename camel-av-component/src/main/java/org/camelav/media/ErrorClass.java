package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_BSF_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_DECODER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_DEMUXER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EACCES;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EINVAL;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EIO;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENCODER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENODEV;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENOENT;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENOSPC;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENOSYS;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENXIO;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EPERM;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EPIPE;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ERANGE;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXPERIMENTAL;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_FILTER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_BAD_REQUEST;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_FORBIDDEN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_OTHER_4XX;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_SERVER_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_TOO_MANY_REQUESTS;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_UNAUTHORIZED;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_MUXER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_OPTION_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_PATCHWELCOME;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_PROTOCOL_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_STREAM_NOT_FOUND;

import java.util.HashMap;
import java.util.Map;

import org.bytedeco.javacpp.Loader;

/**
 * The family of an AVERROR code, as PyAV's {@code err_check} picks an {@code FFmpegError} subclass. The presets export
 * the ISO C and POSIX.1 errnos ({@code AVERROR_EIO()}, {@code AVERROR_ENOENT()}...) from the C headers FFmpeg was
 * built with; the socket errnos differ per C library and are not exported, so they come from a table for the platform
 * JavaCPP loaded FFmpeg for (on Windows FFmpeg's network code reports WinSock codes).
 */
enum ErrorClass {
    TIMEOUT, INVALID_DATA, IO, NOT_FOUND, UNSUPPORTED, OTHER;

    private static final Map<Integer, ErrorClass> BY_CODE = new HashMap<>();

    static {
        put(INVALID_DATA, AVERROR_INVALIDDATA);
        put(IO, AVERROR_EIO(), AVERROR_EPIPE(), AVERROR_EACCES(), AVERROR_EPERM(), AVERROR_ENOSPC(), AVERROR_ENXIO(),
                AVERROR_HTTP_BAD_REQUEST, AVERROR_HTTP_UNAUTHORIZED, AVERROR_HTTP_FORBIDDEN,
                AVERROR_HTTP_TOO_MANY_REQUESTS, AVERROR_HTTP_OTHER_4XX, AVERROR_HTTP_SERVER_ERROR);
        put(NOT_FOUND, AVERROR_ENOENT(), AVERROR_ENODEV(), AVERROR_DECODER_NOT_FOUND, AVERROR_ENCODER_NOT_FOUND,
                AVERROR_DEMUXER_NOT_FOUND, AVERROR_MUXER_NOT_FOUND, AVERROR_PROTOCOL_NOT_FOUND, AVERROR_STREAM_NOT_FOUND,
                AVERROR_FILTER_NOT_FOUND, AVERROR_BSF_NOT_FOUND, AVERROR_OPTION_NOT_FOUND, AVERROR_HTTP_NOT_FOUND);
        put(UNSUPPORTED, AVERROR_EINVAL(), AVERROR_ERANGE(), AVERROR_ENOSYS(), AVERROR_PATCHWELCOME,
                AVERROR_EXPERIMENTAL);
        // EISDIR, ENOTDIR: 21 and 20 in every C library
        put(IO, -21, -20);
        // ETIMEDOUT; then ECONNREFUSED, ECONNRESET, ECONNABORTED, ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN,
        // ENOTCONN, EADDRNOTAVAIL
        String platform = Loader.getPlatform();
        if (platform.startsWith("windows")) {
            // WinSock codes (FFmpeg's network.h reports these), then the MinGW C library's (no EHOSTDOWN)
            put(TIMEOUT, -10060, -138);
            put(IO, -10061, -10054, -10053, -10051, -10065, -10050, -10064, -10057, -10049, -107, -108, -106, -118,
                    -110, -116, -126, -101);
        } else if (platform.startsWith("macosx") || platform.startsWith("ios")) {
            put(TIMEOUT, -60);
            put(IO, -61, -54, -53, -51, -65, -50, -64, -57, -49);
        } else { // Linux, Android
            put(TIMEOUT, -110);
            put(IO, -111, -104, -103, -101, -113, -100, -112, -107, -99);
        }
    }

    private static void put(ErrorClass c, int... codes) {
        for (int code : codes) {
            BY_CODE.putIfAbsent(code, c);
        }
    }

    static ErrorClass of(int code) {
        return BY_CODE.getOrDefault(code, OTHER);
    }
}
