package io.vigil.store.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DictTest {

    private static byte[] value(int i) {
        return Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] key(int i) {
        return ("key:" + i).getBytes(StandardCharsets.US_ASCII);
    }

    private static String name(Entry e) {
        return new String(e.key(), StandardCharsets.US_ASCII);
    }

    private static Dict filled(int n) {
        Dict d = new Dict();
        for (int i = 0; i < n; i++) {
            d.insert(key(i), value(i));
        }
        return d;
    }

    @Test
    void aResizeMovesKeysAFewBucketsAtATimeAndEveryKeyStaysFindable() {
        Dict d = filled(1 << 16);
        assertThat(d.rehashing()).isFalse();
        d.insert(key(1 << 16), value(-1)); // the table is full: this insert starts a resize and moves one bucket only
        assertThat(d.rehashing()).isTrue();
        assertThat(d.buckets()).isEqualTo((1 << 16) + (1 << 17));

        int lookups = 0;
        while (d.rehashing()) {
            int i = lookups++ % ((1 << 16) + 1);
            assertThat(d.get(key(i))).as("key %d during the rehash", i).isNotNull();
        }
        assertThat(lookups).as("one bucket per lookup").isGreaterThan(1 << 14);
        assertThat(d.buckets()).isEqualTo(1 << 17);
        for (int i = 0; i <= 1 << 16; i++) {
            assertThat(d.get(key(i)).value()).isEqualTo(value(i == 1 << 16 ? -1 : i));
        }
        assertThat(d.size()).isEqualTo((1 << 16) + 1);
    }

    @Test
    void removalsAndInsertsDuringARehashKeepTheRightKeys() {
        Dict d = filled(4096);
        d.insert(key(4096), value(4096));
        assertThat(d.rehashing()).isTrue();
        for (int i = 0; i <= 4096; i += 2) {
            assertThat(d.remove(key(i))).as("remove %d", i).isNotNull();
        }
        assertThat(d.remove(key(0))).isNull();
        for (int i = 5000; i < 5100; i++) {
            d.insert(key(i), value(i));
        }
        Set<String> seen = new HashSet<>();
        d.forEach(e -> seen.add(name(e)));
        Set<String> expected = new HashSet<>();
        for (int i = 1; i < 4096; i += 2) {
            expected.add("key:" + i);
        }
        for (int i = 5000; i < 5100; i++) {
            expected.add("key:" + i);
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(d.size()).isEqualTo(expected.size());
    }

    @Test
    void shrinkingIsIncrementalToo() {
        Dict d = filled(10_000);
        while (d.rehashing()) {
            d.rehash(1000);
        }
        int before = d.buckets();
        for (int i = 0; i < 9_990; i++) {
            d.remove(key(i));
        }
        assertThat(d.rehashing() || d.buckets() < before).isTrue();
        while (d.rehash(1)) {
            // drain
        }
        assertThat(d.buckets()).isLessThan(before);
        for (int i = 9_990; i < 10_000; i++) {
            assertThat(d.get(key(i))).isNotNull();
        }
    }

    @Test
    void aScanStartedBeforeAResizeReturnsEveryKeyPresentThroughout() {
        Dict d = filled(1000);
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int calls = 0;
        int next = 1000;
        do {
            cursor = d.scan(cursor, e -> seen.add(name(e)));
            if (calls++ % 3 == 0) {
                d.insert(key(next++), value(0)); // grows the table (and starts/advances rehashes) between calls
            }
        } while (cursor != 0);
        for (int i = 0; i < 1000; i++) {
            assertThat(seen).as("scan of a resizing table").contains("key:" + i);
        }
        assertThat(calls).isLessThan(100_000);
    }

    @Test
    void aScanEntirelyWithinARehashReturnsEveryKey() {
        Dict d = filled(1 << 12);
        d.insert(key(1 << 12), value(0));
        assertThat(d.rehashing()).isTrue();
        d.rehash(500);
        assertThat(d.rehashing()).isTrue();
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        do {
            cursor = d.scan(cursor, e -> seen.add(name(e)));
        } while (cursor != 0);
        assertThat(seen).hasSize((1 << 12) + 1);
    }

    @Test
    void aFrozenTableMovesNothingAndItsCopyHoldsEveryKey() {
        Dict d = filled(1 << 12);
        d.insert(key(1 << 12), value(0));
        d.rehash(700);
        Entry[] copy = d.freeze();
        int bucketsBefore = d.buckets();
        for (int i = 0; i < 5000; i++) {
            d.get(key(i % 4000));
        }
        assertThat(d.rehash(100)).isTrue();
        d.rehashFor(1_000_000);
        assertThat(d.buckets()).isEqualTo(bucketsBefore);
        Set<String> inCopy = new HashSet<>();
        for (Entry head : copy) {
            for (Entry e = head; e != null; e = e.next) {
                inCopy.add(name(e));
            }
        }
        assertThat(inCopy).hasSize((1 << 12) + 1);
        d.thaw();
        while (d.rehash(1000)) {
            // drain
        }
        assertThat(d.rehashing()).isFalse();
        assertThat(d.size()).isEqualTo((1 << 12) + 1);
    }

    @Test
    void randomEntriesAndSamplesComeFromBothArraysWhileRehashing() {
        Dict d = filled(1 << 12);
        d.insert(key(1 << 12), value(0));
        d.rehash(1 << 10);
        assertThat(d.rehashing()).isTrue();
        SplittableRandom random = new SplittableRandom(7);
        Set<String> picked = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            Entry e = d.randomEntry(random);
            assertThat(d.get(e.key())).isSameAs(e);
            picked.add(name(e));
        }
        assertThat(picked.size())
                .as("random entries spread over the whole keyspace")
                .isGreaterThan(3000);
        List<Entry> sampled = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            d.sample(16, random, sampled::add);
        }
        assertThat(sampled).hasSizeGreaterThan(200 * 8);
        Set<String> names = new HashSet<>();
        for (Entry e : sampled) {
            assertThat(d.get(e.key())).isSameAs(e);
            names.add(name(e));
        }
        assertThat(names.size()).isGreaterThan(1000);
    }

    @Test
    void clearEndsARehash() {
        Dict d = filled(1 << 10);
        d.insert(key(1 << 10), value(0));
        assertThat(d.rehashing()).isTrue();
        d.clear();
        assertThat(d.rehashing()).isFalse();
        assertThat(d.size()).isZero();
        assertThat(d.get(key(1))).isNull();
    }
}
