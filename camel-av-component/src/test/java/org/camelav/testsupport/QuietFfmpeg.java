package org.camelav.testsupport;

import org.camelav.media.FfmpegLog;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Silences FFmpeg's log for one test class and restores the level after it: the fuzz tests feed thousands of damaged
 * files, whose warnings would drown the build log. Use with {@code @ExtendWith(QuietFfmpeg.class)}.
 */
public final class QuietFfmpeg implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(QuietFfmpeg.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("level", FfmpegLog.getLevel());
        FfmpegLog.setLevel(FfmpegLog.Level.QUIET);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        FfmpegLog.setLevel(context.getStore(NS).get("level", FfmpegLog.Level.class));
    }
}
