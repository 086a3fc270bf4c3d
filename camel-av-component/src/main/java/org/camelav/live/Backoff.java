package org.camelav.live;

/**
 * Reconnect delays: {@code initialMillis}, doubling up to {@code maxMillis}; {@code maxAttempts} consecutive failures
 * end the session ({@code -1}: retry forever).
 */
public record Backoff(long initialMillis, long maxMillis, int maxAttempts) {

    public static final Backoff DEFAULT = new Backoff(500, 30_000, -1);

    /** Delay before attempt {@code n} (1-based). */
    long delay(int n) {
        long d = initialMillis;
        for (int i = 1; i < n && d < maxMillis; i++) {
            d *= 2;
        }
        return Math.min(d, maxMillis);
    }

    boolean exhausted(int failures) {
        return maxAttempts >= 0 && failures > maxAttempts;
    }
}
