package org.camelav.media.io;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avformat.avio_flush;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;
import org.camelav.media.Ffmpeg;
import org.camelav.media.OpaqueId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A custom AVIOContext over an {@link IoAdapter}: how FFmpeg reads a message body (bytes, a stream, a file channel) or
 * writes into one without a temporary file, like PyAV's file-like objects. As with {@link Interrupter}, all contexts
 * share one set of static callbacks (JavaCPP caps live callback thunks) and find their adapter by an id in
 * {@code opaque}.
 */
public final class JavaIo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JavaIo.class);
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int EIO = -5; // AVERROR(EIO)
    private static final int SEEK_SET = 0;
    private static final int SEEK_CUR = 1;
    private static final int SEEK_END = 2;
    private static final int AVSEEK_FORCE = 0x20000;
    private static final Map<Long, JavaIo> REGISTRY = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    private static final Read_packet_Pointer_BytePointer_int READ = new ReadCallback();
    private static final Write_packet_Pointer_BytePointer_int WRITE = new WriteCallback();
    private static final Seek_Pointer_long_int SEEK = new SeekCallback();

    private final long id = IDS.incrementAndGet();
    private final IoAdapter adapter;
    private final byte[] transfer = new byte[BUFFER_SIZE];
    /** Reads of an adapter that may block, done on a helper thread; null when reads cannot block. */
    private final OffThreadReads offThread;
    /**
     * FFmpeg consults the interrupt callback only for its own protocols, never for a custom AVIOContext: the callbacks
     * here ask the interrupter themselves, so a timeout or a stop ends a read, write or seek of a message body too.
     */
    private volatile Interrupter interrupter;
    private AVIOContext avio;
    private IOException failure;

    public JavaIo(IoAdapter adapter) {
        this(adapter, null);
    }

    /** @param interrupter whose stop or timeout ends a blocked read, write or seek; may be set later instead */
    public JavaIo(IoAdapter adapter, Interrupter interrupter) {
        Ffmpeg.init();
        this.adapter = adapter;
        this.interrupter = interrupter;
        this.offThread = adapter.mayBlock() && !adapter.writable() ? new OffThreadReads(adapter, BUFFER_SIZE) : null;
        REGISTRY.put(id, this);
        BytePointer buffer = new BytePointer(av_malloc(BUFFER_SIZE)).capacity(BUFFER_SIZE);
        avio = avio_alloc_context(buffer, BUFFER_SIZE, adapter.writable() ? 1 : 0, new OpaqueId(id),
                adapter.writable() ? null : READ, adapter.writable() ? WRITE : null, adapter.seekable() ? SEEK : null);
        if (avio == null || avio.isNull()) {
            av_free(buffer);
            REGISTRY.remove(id);
            throw new AvException("Cannot allocate AVIOContext");
        }
        if (!adapter.seekable()) {
            avio.seekable(0);
        }
    }

    public AVIOContext context() {
        return avio;
    }

    /** The interrupter of the format context this I/O serves (an output learns it only once created). */
    public void interruptedBy(Interrupter it) {
        this.interrupter = it;
    }

    /** True when the interrupter ended the last blocking call because the timeout passed (not a stop). */
    public boolean timedOut() {
        Interrupter it = interrupter;
        return it != null && it.timedOut();
    }

    /** True when the context's interrupter says to stop (it then also records a timeout as such). */
    private boolean interrupted() {
        Interrupter it = interrupter;
        return it != null && it.shouldInterrupt();
    }

    public IoAdapter adapter() {
        return adapter;
    }

    /** The first I/O exception the adapter threw, if any: FFmpeg only saw AVERROR(EIO). */
    public IOException failure() {
        return failure;
    }

    void flush() {
        if (avio != null) {
            avio_flush(avio);
        }
    }

    /** Frees the context and its (possibly reallocated) buffer, then closes the adapter. */
    @Override
    public void close() {
        if (avio != null) {
            if (adapter.writable()) {
                avio_flush(avio);
            }
            BytePointer buf = avio.buffer();
            if (buf != null && !buf.isNull()) {
                av_free(buf);
            }
            avio_context_free(avio);
            avio = null;
            REGISTRY.remove(id);
            try {
                if (offThread != null) {
                    offThread.close(); // never blocks on a stream whose read is stuck
                } else {
                    adapter.close();
                }
            } catch (IOException e) {
                LOG.debug("Closing I/O adapter: {}", e.getMessage());
            }
        }
    }

    private int read(BytePointer buf, int size) {
        if (interrupted()) {
            return AvErrors.EXIT;
        }
        try {
            int len = Math.min(size, transfer.length);
            int n = offThread != null ? offThread.read(transfer, 0, len, this::interrupted)
                    : adapter.read(transfer, 0, len);
            if (n < 0) {
                return AvErrors.EOF;
            }
            buf.position(0).put(transfer, 0, n);
            Interrupter it = interrupter;
            if (it != null) {
                it.progressed();
            }
            return n;
        } catch (java.io.InterruptedIOException e) {
            return AvErrors.EXIT; // the interrupter gave up on a blocked read: a timeout or a stop, not an I/O error
        } catch (IOException | RuntimeException e) {
            return failed(e);
        }
    }

    private int write(BytePointer buf, int size) {
        if (interrupted()) {
            return AvErrors.EXIT;
        }
        try {
            int done = 0;
            while (done < size) {
                int n = Math.min(size - done, transfer.length);
                buf.position(done).get(transfer, 0, n);
                adapter.write(transfer, 0, n);
                done += n;
            }
            return size;
        } catch (IOException | RuntimeException e) {
            return failed(e);
        }
    }

    private long seek(long offset, int whence) {
        if (interrupted()) {
            return AvErrors.EXIT;
        }
        try {
            if ((whence & AVSEEK_SIZE) != 0) {
                return adapter.size() >= 0 ? adapter.size() : -1;
            }
            long target;
            switch (whence & ~AVSEEK_FORCE) {
                case SEEK_SET -> target = offset;
                case SEEK_CUR -> target = adapter.position() + offset;
                case SEEK_END -> {
                    if (adapter.size() < 0) {
                        return -1;
                    }
                    target = adapter.size() + offset;
                }
                default -> {
                    return -1;
                }
            }
            adapter.seek(target);
            return target;
        } catch (IOException | RuntimeException e) {
            return failed(e);
        }
    }

    private int failed(Exception e) {
        if (failure == null) {
            failure = e instanceof IOException io ? io : new IOException(e);
        }
        LOG.debug("I/O adapter failed: {}", e.toString());
        return EIO;
    }

    private static JavaIo of(Pointer opaque) {
        return opaque == null ? null : REGISTRY.get(opaque.address());
    }

    private static final class ReadCallback extends Read_packet_Pointer_BytePointer_int {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            JavaIo io = of(opaque);
            return io == null ? AvErrors.EOF : io.read(buf, size);
        }
    }

    private static final class WriteCallback extends Write_packet_Pointer_BytePointer_int {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            JavaIo io = of(opaque);
            return io == null ? EIO : io.write(buf, size);
        }
    }

    private static final class SeekCallback extends Seek_Pointer_long_int {
        @Override
        public long call(Pointer opaque, long offset, int whence) {
            JavaIo io = of(opaque);
            return io == null ? -1 : io.seek(offset, whence);
        }
    }

}
