package org.camelav.bench;

import java.nio.file.Path;

/** A generated test clip, with its frame counts as probed (not as asked for). */
record Clip(Path path, int frames, int keyFrames, String desc) {
}
