package io.vigil.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvictionPoolTest {

    private static byte[] key(int i) {
        return ("k" + i).getBytes();
    }

    @Test
    void keepsTheSixteenBestAndGivesTheBestFirst() {
        EvictionPool pool = new EvictionPool();
        for (int i = 0; i < 40; i++) {
            pool.offer(0, key(i), (i * 7919L) % 40);
        }
        assertThat(pool.size()).isEqualTo(EvictionPool.SIZE);
        long previous = Long.MAX_VALUE;
        int taken = 0;
        while (pool.takeBest()) {
            long score = (Long.parseLong(new String(pool.key()).substring(1)) * 7919L) % 40;
            assertThat(score).isLessThanOrEqualTo(previous).isGreaterThanOrEqualTo(40 - EvictionPool.SIZE);
            previous = score;
            taken++;
        }
        assertThat(taken).isEqualTo(EvictionPool.SIZE);
    }

    @Test
    void aWorseCandidateThanAllHeldIsRefusedWhenFull() {
        EvictionPool pool = new EvictionPool();
        for (int i = 0; i < EvictionPool.SIZE; i++) {
            assertThat(pool.offer(0, key(i), 100 + i)).isTrue();
        }
        assertThat(pool.offer(0, key(99), 5)).isFalse();
        assertThat(pool.offer(1, key(98), 200)).isTrue();
        assertThat(pool.takeBest()).isTrue();
        assertThat(pool.db()).isEqualTo(1);
        byte[] same = key(7);
        EvictionPool fresh = new EvictionPool();
        assertThat(fresh.offer(0, same, 1)).isTrue();
        assertThat(fresh.offer(0, same, 1)).isFalse();
    }

    @Test
    void tenacityBudgetFollowsRedis() {
        assertThat(Evictor.budgetNanos(0)).isZero();
        assertThat(Evictor.budgetNanos(10)).isEqualTo(500_000);
        assertThat(Evictor.budgetNanos(11)).isEqualTo(575_000);
        assertThat(Evictor.budgetNanos(100)).isEqualTo(Long.MAX_VALUE);
    }
}
