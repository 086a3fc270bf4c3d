package org.camelav.dataformat;

import java.io.InputStream;
import java.io.OutputStream;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatContentTypeHeader;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Dataformat;
import org.apache.camel.support.service.ServiceSupport;
import org.camelav.component.AvComponent;
import org.camelav.media.NativePool;
import org.camelav.media.video.ImageDecoder;
import org.camelav.media.video.ImageEncoder;
import org.camelav.media.video.ImageFormat;
import org.camelav.media.video.VideoFrame;

/**
 * Still images with FFmpeg's own codecs: marshal turns a {@link VideoFrame} (or anything converting to one, such as a
 * BufferedImage) into JPEG, PNG or WebP bytes; unmarshal decodes JPEG/PNG/WebP bytes, whichever they are, into a
 * {@link VideoFrame}. Encoders and decoders are pooled and kept open across exchanges; options apply from the next start.
 */
@Dataformat("av-image")
@Metadata(firstVersion = "0.1.0", title = "AV Image (FFmpeg)", label = "dataformat,transformation,video")
public class AvImageDataFormat extends ServiceSupport
        implements DataFormat, DataFormatName, DataFormatContentTypeHeader, CamelContextAware {

    /** The av component's default maxPixels (AvConfiguration), for a data format used without the component. */
    static final long DEFAULT_MAX_PIXELS = 8192L * 8192L;

    @Metadata(description = "Image format written by marshal: jpeg (mjpeg encoder), png or webp (libwebp).",
              enums = "jpeg,png,webp", defaultValue = "jpeg")
    private String format = "jpeg";
    @Metadata(description = "Quality from 1 (smallest) to 100 (best), as JPEG's q 31..2 (ffmpeg -q:v) or WebP's quality;"
                            + " PNG is lossless and ignores it.",
              defaultValue = "80")
    private int quality = 80;
    @Metadata(description = "FFmpeg pixel format of the frames unmarshal returns, e.g. bgr24; by default the decoder's"
                            + " own (yuvj420p for JPEG, rgb24 for PNG).")
    private String pixelFormat;
    @Metadata(description = "Whether marshal sets the Content-Type header (image/jpeg, image/png, image/webp).",
              defaultValue = "true")
    private boolean contentTypeHeader = true;
    @Metadata(label = "security",
              description = "Largest picture unmarshal decodes, in pixels (width x height): an image whose header"
                            + " declares more fails with an AvRefusedException naming this option before anything is"
                            + " allocated, so a small crafted PNG cannot take gigabytes. Default: the av component's"
                            + " maxPixels when the CamelContext has one, else 67108864 (8192x8192). 0: FFmpeg's own"
                            + " bound.")
    private Long maxPixels;

    private CamelContext camelContext;

    private NativePool<ImageEncoder> encoders;
    private NativePool<ImageDecoder> decoders;

    public AvImageDataFormat() {
    }

    public AvImageDataFormat(String format, int quality) {
        this.format = format;
        this.quality = quality;
    }

    @Override
    public String getDataFormatName() {
        return "av-image";
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        VideoFrame frame = graph instanceof VideoFrame v ? v
                : exchange.getContext().getTypeConverter().mandatoryConvertTo(VideoFrame.class, exchange, graph);
        stream.write(encoders().apply(e -> e.encode(frame)));
        if (contentTypeHeader) {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, ImageFormat.of(format).mimeType());
        }
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        byte[] image = stream.readAllBytes();
        return decoders().apply(d -> d.decode(image));
    }

    private synchronized NativePool<ImageEncoder> encoders() {
        if (encoders == null) {
            ImageFormat f = ImageFormat.of(format);
            int q = quality;
            new ImageEncoder(f, q).close(); // fail fast on a bad quality or a missing encoder
            encoders = new NativePool<>(() -> new ImageEncoder(f, q), Runtime.getRuntime().availableProcessors());
        }
        return encoders;
    }

    private synchronized NativePool<ImageDecoder> decoders() {
        if (decoders == null) {
            String p = pixelFormat;
            long max = effectiveMaxPixels();
            decoders = new NativePool<>(() -> new ImageDecoder(p, max), Runtime.getRuntime().availableProcessors());
        }
        return decoders;
    }

    @Override
    protected void doStart() throws Exception {
        encoders();
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (encoders != null) {
            encoders.close();
            encoders = null;
        }
        if (decoders != null) {
            decoders.close();
            decoders = null;
        }
    }

    /** This data format's maxPixels, else the av component's (its configuration is the endpoints' default). */
    long effectiveMaxPixels() {
        if (maxPixels != null) {
            return maxPixels;
        }
        if (camelContext != null && camelContext.hasComponent("av") instanceof AvComponent av) {
            return av.getConfiguration().getMaxPixels();
        }
        return DEFAULT_MAX_PIXELS;
    }

    public Long getMaxPixels() {
        return maxPixels;
    }

    public void setMaxPixels(Long maxPixels) {
        this.maxPixels = maxPixels;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public int getQuality() {
        return quality;
    }

    public void setQuality(int quality) {
        this.quality = quality;
    }

    public String getPixelFormat() {
        return pixelFormat;
    }

    public void setPixelFormat(String pixelFormat) {
        this.pixelFormat = pixelFormat;
    }

    public boolean isContentTypeHeader() {
        return contentTypeHeader;
    }

    @Override
    public void setContentTypeHeader(boolean contentTypeHeader) {
        this.contentTypeHeader = contentTypeHeader;
    }
}
