package org.camelav.component;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.WrappedFile;
import org.camelav.media.container.InputPolicy;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.io.IoAdapters;

/** Turns a message body into an FFmpeg input: files by path (FFmpeg reads and seeks them itself), the rest through I/O. */
final class AvBodies {

    private AvBodies() {
    }

    /** A File body opens that file and, unless protocolWhitelist says otherwise, nothing else. */
    private static ReaderOptions fileBody(ReaderOptions o, String path) {
        InputPolicy p = o.input().policy() == null ? InputPolicy.body() : o.input().policy();
        InputPolicy own = InputPolicy.body().protocolWhitelist().equals(p.protocolWhitelist())
                ? new InputPolicy(InputPolicy.fileBody().protocolWhitelist(), p.allowReferences(), p.formatWhitelist(),
                        p.codecWhitelist(), p.bounds())
                : p;
        return o.toBuilder().url(path).source(null).policy(own).build();
    }

    /** {@code o} pointed at the body of {@code exchange}; the body itself is left untouched. */
    static ReaderOptions input(Exchange exchange, ReaderOptions o) {
        Message m = exchange.getMessage();
        Object body = m.getBody();
        if (body instanceof WrappedFile<?> wf && wf.getFile() instanceof File f) {
            body = f;
        }
        String name = m.getHeader(Exchange.FILE_NAME, "body", String.class);
        if (body instanceof File f) {
            return fileBody(o, f.getPath());
        } else if (body instanceof Path p) {
            return fileBody(o, p.toString());
        } else if (body instanceof byte[] bytes) {
            return o.withInput(name, IoAdapters.of(bytes));
        } else if (body instanceof InputStream in) {
            return o.withInput(name, IoAdapters.of(in));
        } else if (body == null) {
            throw new IllegalArgumentException("av: the message body is empty; expected media (File, Path, GenericFile,"
                                               + " byte[] or InputStream)");
        } else {
            // remote files (FTP, S3...) and anything else Camel can turn into bytes; text fails as invalid media
            byte[] bytes = exchange.getContext().getTypeConverter().tryConvertTo(byte[].class, exchange, body);
            if (bytes == null) {
                throw new IllegalArgumentException("av: cannot read a " + body.getClass().getName() + " body as media");
            }
            return o.withInput(name, IoAdapters.of(bytes));
        }
    }
}
