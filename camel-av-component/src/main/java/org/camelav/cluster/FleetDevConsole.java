package org.camelav.cluster;

import java.util.Map;

import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.camelav.media.UrlMasker;

/**
 * The {@code fleet} dev console ({@code camel get fleet}, the developer console): this node's id, whether it reaches
 * its cluster, the members, and every configured camera with its owner flag, route state and reading state, from the
 * same {@link FleetStatus} as JMX and the health check. Empty where no {@link FleetNode} is installed.
 */
@DevConsole(name = "fleet", displayName = "Camera fleet", description = "camel-av fleet: which cameras this node reads")
public class FleetDevConsole extends AbstractDevConsole {

    public FleetDevConsole() {
        super("camel", "fleet", "Camera fleet", "camel-av fleet: which cameras this node reads");
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        FleetNode node = getCamelContext().hasService(FleetNode.class);
        if (node == null) {
            return root;
        }
        FleetStatus status = node.status();
        root.put("node", status.getNodeId());
        root.put("connected", node.isConnected());
        root.put("members", new JsonArray(status.members()));
        root.put("owned", new JsonArray(status.owned()));
        JsonArray cameras = new JsonArray();
        long now = System.currentTimeMillis();
        for (CameraState cam : node.fleet().cameras()) {
            JsonObject jo = new JsonObject();
            jo.put("name", cam.name());
            jo.put("url", UrlMasker.mask(cam.url()));
            jo.put("owner", node.cluster().isLeader(cam.namespace()));
            jo.put("route", status.routeStatus(cam));
            jo.put("reading", cam.isReading(now));
            jo.put("items", cam.items());
            cameras.add(jo);
        }
        root.put("cameras", cameras);
        return root;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        JsonObject jo = new JsonObject(doCallJson(options));
        if (jo.isEmpty()) {
            return "no camera fleet on this node\n";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("node ").append(jo.get("node")).append(" connected=").append(jo.get("connected"))
                .append(" members=").append(jo.get("members")).append('\n');
        for (Object c : (JsonArray) jo.get("cameras")) {
            JsonObject cam = (JsonObject) c;
            sb.append("    ").append(cam.get("name")).append(" owner=").append(cam.get("owner")).append(" route=")
                    .append(cam.get("route")).append(" reading=").append(cam.get("reading")).append(" items=")
                    .append(cam.get("items")).append(' ').append(cam.get("url")).append('\n');
        }
        return sb.toString();
    }
}
