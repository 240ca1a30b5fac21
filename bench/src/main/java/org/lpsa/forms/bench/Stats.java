package org.lpsa.forms.bench;

import java.util.Arrays;
import java.util.List;

/** Medians and percentiles (nearest rank) of measured values. */
final class Stats {
    private Stats() {}

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(List<Double> values) {
        return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
