package org.camelav.media.sidedata;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/**
 * One H.264/H.265 "user data unregistered" SEI message ({@code AV_FRAME_DATA_SEI_UNREGISTERED}): a 16-byte UUID
 * naming who wrote it, then the payload (x264 writes its settings this way; cameras their own tags).
 */
public record SeiUserData(UUID uuid, byte[] payload) {

    /** FFmpeg's layout: the UUID's 16 bytes, then the payload; null when shorter than a UUID. */
    static SeiUserData parse(byte[] data) {
        if (data.length < 16) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        return new SeiUserData(new UUID(b.getLong(), b.getLong()), Arrays.copyOfRange(data, 16, data.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeiUserData s && uuid.equals(s.uuid) && Arrays.equals(payload, s.payload);
    }

    @Override
    public int hashCode() {
        return 31 * uuid.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "SeiUserData[" + uuid + ", " + payload.length + " bytes]";
    }
}
