package org.camelav.component;

import java.util.function.ToDoubleFunction;

/**
 * A number a consumer, producer or recording reports, listed once so the dev console (under {@code key}) and
 * Micrometer (as {@code meter}) publish the same set: a counter, or a gauge with an optional unit. Whole numbers
 * (every counter, and gauges that count) appear in the console without a fraction.
 */
record AvFigure<T>(String key, String meter, String description, boolean gauge, boolean whole, String unit,
        ToDoubleFunction<T> value) {

    static <T> AvFigure<T> counter(String key, String meter, String description, ToDoubleFunction<T> value) {
        return new AvFigure<>(key, meter, description, false, true, null, value);
    }

    static <T> AvFigure<T> gauge(String key, String meter, String description, String unit,
            ToDoubleFunction<T> value) {
        return new AvFigure<>(key, meter, description, true, false, unit, value);
    }

    /** A gauge that counts something (files failing in a row): whole in the console. */
    static <T> AvFigure<T> count(String key, String meter, String description, ToDoubleFunction<T> value) {
        return new AvFigure<>(key, meter, description, true, true, null, value);
    }
}
