package io.vigil.store.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Random sampling without repetition for SRANDMEMBER and HRANDFIELD when the count is a large part of the value
 * (smaller counts pick random members and skip repeats, as Redis does).
 */
final class Sampling {

    private Sampling() {}

    /** {@code count} distinct indices in {@code [0, size)}, uniformly chosen by a partial Fisher-Yates shuffle. */
    static List<Integer> distinct(int size, int count, RandomGenerator random) {
        if (count < 0 || count > size) {
            throw new IllegalArgumentException("count must be in [0, " + size + "], got " + count);
        }
        int[] indices = new int[size];
        for (int i = 0; i < size; i++) {
            indices[i] = i;
        }
        List<Integer> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(size - i);
            int t = indices[i];
            indices[i] = indices[j];
            indices[j] = t;
            out.add(indices[i]);
        }
        return out;
    }
}
