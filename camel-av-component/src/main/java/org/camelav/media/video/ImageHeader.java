package org.camelav.media.video;

/**
 * The picture size a JPEG, PNG or WebP file declares in its header, read from the bytes alone: a 219-byte PNG may
 * claim 12000x12000, and FFmpeg's decoders allocate the picture before reading any pixel, so the size is checked here
 * first. Null where the header cannot be read (FFmpeg's own max_pixels still bounds the decode).
 */
public record ImageHeader(int width, int height) {

    public long pixels() {
        return (long) width * height;
    }

    /** The declared size of {@code image} in {@code format}, or null when its header is not where it should be. */
    public static ImageHeader of(ImageFormat format, byte[] image) {
        return switch (format) {
            case PNG -> png(image);
            case JPEG -> jpeg(image);
            case WEBP -> webp(image);
        };
    }

    /** IHDR is the first chunk: signature (8), length (4), "IHDR" (4), width and height (4 each, big-endian). */
    private static ImageHeader png(byte[] b) {
        return b.length < 24 ? null : new ImageHeader(be32(b, 16), be32(b, 20));
    }

    /** The first start-of-frame segment (SOF0..SOF15 but DHT, JPG and DAC): height then width, 16 bits each. */
    private static ImageHeader jpeg(byte[] b) {
        int i = 2;
        while (i + 3 < b.length) {
            if ((b[i] & 0xff) != 0xff) {
                return null; // not at a marker: damaged, let the decoder say so
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) { // fill byte
                i++;
                continue;
            }
            if (marker == 0x01 || marker >= 0xd0 && marker <= 0xd9) { // TEM, RSTn, SOI, EOI: no length
                i += 2;
                continue;
            }
            int length = be16(b, i + 2);
            boolean sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (sof) {
                return i + 8 < b.length ? new ImageHeader(be16(b, i + 7), be16(b, i + 5)) : null;
            }
            if (marker == 0xda || length < 2) { // scan data before any frame header
                return null;
            }
            i += 2 + length;
        }
        return null;
    }

    /** The first chunk after "RIFF....WEBP": VP8 (lossy), VP8L (lossless) or VP8X (extended, the canvas size). */
    private static ImageHeader webp(byte[] b) {
        if (b.length < 30) {
            return null;
        }
        String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8 " -> new ImageHeader(le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff);
            case "VP8L" -> {
                long bits = (b[21] & 0xffL) | (b[22] & 0xffL) << 8 | (b[23] & 0xffL) << 16 | (b[24] & 0xffL) << 24;
                yield new ImageHeader((int) (bits & 0x3fff) + 1, (int) (bits >> 14 & 0x3fff) + 1);
            }
            case "VP8X" -> new ImageHeader(le24(b, 24) + 1, le24(b, 27) + 1);
            default -> null;
        };
    }

    private static int be32(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | b[i + 3] & 0xff;
    }

    private static int be16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | b[i + 1] & 0xff;
    }

    private static int le16(byte[] b, int i) {
        return b[i] & 0xff | (b[i + 1] & 0xff) << 8;
    }

    private static int le24(byte[] b, int i) {
        return b[i] & 0xff | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16;
    }
}
