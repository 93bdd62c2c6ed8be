package io.vigil.store.types;

/**
 * A score interval as ZRANGEBYSCORE and friends take it: {@code min}/{@code max}, each inclusive or exclusive
 * ({@code (1.5}), infinities allowed ({@code -inf}, {@code +inf}).
 */
public record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {

    /** Whether {@code score} is at or above the minimum. */
    public boolean gteMin(double score) {
        return minExclusive ? score > min : score >= min;
    }

    /** Whether {@code score} is at or below the maximum. */
    public boolean lteMax(double score) {
        return maxExclusive ? score < max : score <= max;
    }

    /** Whether no score can fall in the range (Redis's {@code zslIsInRange} short-cut). */
    public boolean isEmpty() {
        return min > max || (min == max && (minExclusive || maxExclusive));
    }
}
