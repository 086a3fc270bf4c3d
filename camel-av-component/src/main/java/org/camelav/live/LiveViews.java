package org.camelav.live;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link LiveView}s of one component, by source URL: consumers attach while they run, snapshot endpoints of the
 * same URL look them up. A view lives while a consumer of its URL runs.
 */
public final class LiveViews {

    private final ConcurrentHashMap<String, LiveView> views = new ConcurrentHashMap<>();

    /** The view a starting consumer of {@code url} feeds. */
    public LiveView attach(String url, boolean packets) {
        // compute, not get-then-put: a consumer starting while the last one stops never feeds a view left unlisted
        return views.compute(url, (u, v) -> {
            LiveView view = v == null ? new LiveView() : v;
            view.attach(packets);
            return view;
        });
    }

    public void detach(String url, boolean packets) {
        views.computeIfPresent(url, (u, v) -> v.detach(packets) ? null : v);
    }

    /** The view of a running consumer of {@code url}, or null when none runs. */
    public LiveView find(String url) {
        LiveView view = views.get(url);
        return view != null && view.isActive() ? view : null;
    }
}
