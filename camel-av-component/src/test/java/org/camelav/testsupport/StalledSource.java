package org.camelav.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sources that deliver the first {@link #DELIVERED} bytes of a media file and then stall: a body upload that stops
 * half-way, an HTTP server that sends 64 KB and then nothing. {@link #close()} lets what is still blocked go.
 */
public final class StalledSource implements AutoCloseable {

    public static final int DELIVERED = 64 * 1024;

    private final byte[] head;
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final AtomicInteger blockedReads = new AtomicInteger();
    private ServerSocket server;

    public StalledSource(Path media) throws IOException {
        byte[] all = Files.readAllBytes(media);
        this.head = java.util.Arrays.copyOf(all, Math.min(all.length, DELIVERED));
    }

    /**
     * A stream that gives the head and then blocks in read as a read on a pipe does: thread interrupts and
     * {@code close()} do not end it; only {@link #close()} of this source does. {@link #blocked()} counts its reads.
     */
    public InputStream stream() {
        return new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos < head.length) {
                    int n = Math.min(len, head.length - pos);
                    System.arraycopy(head, pos, b, off, n);
                    pos += n;
                    return n;
                }
                blockedReads.incrementAndGet();
                awaitRelease();
                return -1;
            }

            @Override
            public void close() {
                // ignored, as by a read blocked on a pipe
            }
        };
    }

    /** Reads that reached the stall (including those still blocked). */
    public int blocked() {
        return blockedReads.get();
    }

    private void awaitRelease() {
        boolean interrupted = false;
        while (released.getCount() > 0) {
            try {
                released.await();
            } catch (InterruptedException e) {
                interrupted = true; // ignored: the read goes on blocking
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** An HTTP server on 127.0.0.1 that answers any GET with the head (no length: a live stream) and then nothing. */
    public String url() throws IOException {
        if (server == null) {
            server = new ServerSocket();
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread acceptor = new Thread(this::serve, "stalled-http");
            acceptor.setDaemon(true);
            acceptor.start();
        }
        return "http://127.0.0.1:" + server.getLocalPort() + "/stalled.ts";
    }

    private void serve() {
        try {
            while (!server.isClosed()) {
                Socket s = server.accept();
                clients.add(s);
                Thread t = new Thread(() -> answer(s), "stalled-http-client");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void answer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            StringBuilder request = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && !request.toString().endsWith("\r\n\r\n")) {
                request.append((char) c);
                if (request.toString().endsWith("\r\n\r\n")) {
                    break;
                }
            }
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: video/mp2t\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            out.flush();
            blockedReads.incrementAndGet();
            awaitRelease(); // the connection stays open, silent
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        released.countDown();
        if (server != null) {
            server.close();
        }
        for (Socket s : clients) {
            s.close();
        }
    }
}
