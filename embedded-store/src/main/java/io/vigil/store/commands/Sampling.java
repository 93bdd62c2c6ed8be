package io.vigil.store.commands;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Random sampling without repetition, for SRANDMEMBER, SPOP and HRANDFIELD with a positive count. */
final class Sampling {

    private Sampling() {}

    /** {@code count} distinct indices in {@code [0, size)}, uniformly chosen ({@code 0 <= count <= size}). */
    static List<Integer> distinct(int size, int count, RandomGenerator random) {
        if (count < 0 || count > size) {
            throw new IllegalArgumentException("count must be in [0, " + size + "], got " + count);
        }
        List<Integer> out = new ArrayList<>(count);
        if ((long) count * 3 > size) {
            int[] indices = new int[size];
            for (int i = 0; i < size; i++) {
                indices[i] = i;
            }
            for (int i = 0; i < count; i++) {
                int j = i + random.nextInt(size - i);
                int t = indices[i];
                indices[i] = indices[j];
                indices[j] = t;
                out.add(indices[i]);
            }
            return out;
        }
        Set<Integer> seen = new HashSet<>();
        while (out.size() < count) {
            int i = random.nextInt(size);
            if (seen.add(i)) {
                out.add(i);
            }
        }
        return out;
    }
}
