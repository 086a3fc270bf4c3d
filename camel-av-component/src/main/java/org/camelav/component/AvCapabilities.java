package org.camelav.component;

import java.util.AbstractList;
import java.util.List;

import org.camelav.media.BitStreamFilter;
import org.camelav.media.codec.CodecInfo;
import org.camelav.media.codec.HwAccel;
import org.camelav.media.container.FormatInfo;
import org.camelav.media.filter.FilterInfo;
import org.camelav.media.io.ProtocolInfo;

/**
 * The body of the capability operations (codecs, formats, hwaccels, filters, protocols, bsfs): what the bundled FFmpeg
 * supports, one element per codec, format, filter... A List of the media layer's records (or of names), with a type of
 * its own so that it converts to JSON ({@code AvConverters}) without claiming every List.
 */
public final class AvCapabilities extends AbstractList<Object> {

    private final AvOperation operation;
    private final List<?> items;

    private AvCapabilities(AvOperation operation, List<?> items) {
        this.operation = operation;
        this.items = List.copyOf(items);
    }

    static AvCapabilities of(AvOperation op) {
        return new AvCapabilities(op, switch (op) {
            case CODECS -> CodecInfo.all();
            case FORMATS -> FormatInfo.all();
            case HWACCELS -> HwAccel.types();
            case FILTERS -> FilterInfo.all();
            case PROTOCOLS -> ProtocolInfo.all();
            case BSFS -> BitStreamFilter.available();
            default -> throw new IllegalArgumentException("Not a capability listing: " + op);
        });
    }

    /** Which listing this is, e.g. {@code codecs}. */
    public String kind() {
        return operation.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Object get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }
}
