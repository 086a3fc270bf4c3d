package org.camelav.converter;

import java.lang.reflect.RecordComponent;
import java.util.List;

import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.camelav.component.AvCapabilities;
import org.camelav.media.MediaType;

/** A capability listing as JSON: each record (CodecInfo, FormatInfo...) becomes an object keyed by its components. */
final class CapabilitiesJson {

    private CapabilitiesJson() {
    }

    static String toJson(AvCapabilities list) {
        JsonArray a = new JsonArray();
        list.forEach(item -> a.add(value(item)));
        return a.toJson();
    }

    private static Object value(Object v) {
        if (v instanceof Record r) {
            JsonObject o = new JsonObject();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    o.put(c.getName(), value(c.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return o;
        }
        if (v instanceof List<?> l) {
            JsonArray a = new JsonArray();
            l.forEach(x -> a.add(value(x)));
            return a;
        }
        return v instanceof MediaType t ? t.label() : v;
    }
}
