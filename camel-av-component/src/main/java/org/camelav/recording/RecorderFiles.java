package org.camelav.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The files of one recorder (segments or clips) as they open, close and fail: counted in {@link RecordingStats},
 * listed in the {@link RecordingIndex}, kept within the retention limits by {@link Retention}, and a failed file journaled or deleted, with room made when
 * the disk is full. What SegmentRecorder and ClipRecorder share once a file exists; each keeps its own timing.
 */
final class RecorderFiles {

    private final Retention retention;
    private final RecordingIndex index;
    private final RecordingStats stats = new RecordingStats();

    RecorderFiles(RecordingOptions opts) {
        this.retention = new Retention(opts.retainHours(), opts.retainBytes(), opts.minFreeBytes(),
                opts.pattern().root(), opts.pattern().pattern());
        // every closed file is indexed, retention or not; a file retention deletes leaves the index
        this.index = RecordingIndex.forRecorder(opts.pattern());
        retention.onDelete(index::removed);
    }

    RecordingStats stats() {
        return stats;
    }

    /** Notes an event on the timeline, in the index beside the files. */
    void event(TimelineEvent e) {
        index.event(e);
    }

    List<RecordedFile> retained() {
        return retention.files();
    }

    /** Before a file opens: the limits enforced, so it has the room it needs. */
    void beforeOpen() {
        counted(() -> retention.enforce(Instant.now()));
    }

    /**
     * {@code f} closed as {@code r}; false when nothing readable reached the disk (its trailer failed under a muxer
     * that holds its clusters in memory): then it counts as failed and is deleted.
     */
    boolean closed(OpenFile f, RecordedFile r) {
        if (f.failed() && !f.readable()) {
            fail(f.path(), new IOException("nothing readable reached the disk (" + f.closeError() + ")"));
            retention.addFailed(f.path(), f.start(), false);
            return false;
        }
        stats.closed(r, f.size());
        index.add(r, f.size());
        retention.add(r);
        counted(() -> retention.enforce(Instant.now()));
        return true;
    }

    /** {@code f}'s writer failed and closed itself: what it holds is journaled (deleted when unreadable). */
    void failed(OpenFile f, Throwable cause) {
        fail(f.path(), cause);
        retention.addFailed(f.path(), f.start(), f.readable());
        afterFailure(cause);
    }

    /** The next file of {@code pattern} could not be created. */
    void notCreated(String pattern, IOException cause) {
        fail(Path.of(pattern), cause);
        afterFailure(cause);
    }

    private void fail(Path p, Throwable cause) {
        stats.failed(p, cause);
    }

    /** A full disk: the limits first, and when they delete nothing, the oldest file anyway. */
    private void afterFailure(Throwable cause) {
        if (DiskFull.is(cause)) {
            counted(() -> {
                long before = retention.deleted();
                retention.enforce(Instant.now());
                if (retention.deleted() == before) {
                    retention.makeRoom();
                }
            });
        }
    }

    private void counted(Runnable deleting) {
        long before = retention.deleted();
        deleting.run();
        stats.deleted(retention.deleted() - before);
    }
}
