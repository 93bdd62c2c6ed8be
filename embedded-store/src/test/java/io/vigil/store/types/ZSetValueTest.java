package io.vigil.store.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZSetValueTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> members(ZSetValue z) {
        List<String> out = new ArrayList<>();
        z.forRange(0, z.size() - 1, false, (m, s) -> out.add(new String(m, StandardCharsets.ISO_8859_1) + "=" + s));
        return out;
    }

    @Test
    void ordersByScoreThenMemberBytesUnsigned() {
        ZSetValue z = new ZSetValue();
        z.add(b("b"), 1);
        z.add(b("a"), 1);
        z.add(new byte[] {(byte) 0xff}, 1);
        z.add(b("c"), 0.5);
        z.add(b("d"), Double.NEGATIVE_INFINITY);
        assertThat(members(z)).containsExactly("d=-Infinity", "c=0.5", "a=1.0", "b=1.0", "\u00ff=1.0");
        assertThat(z.rank(b("b"))).isEqualTo(3);
        assertThat(z.rank(b("zz"))).isEqualTo(-1);
        assertThat(z.encoding()).isEqualTo("listpack");
    }

    @Test
    void updatingAScoreMovesTheMember() {
        ZSetValue z = new ZSetValue();
        assertThat(z.add(b("a"), 1)).isTrue();
        z.add(b("b"), 2);
        assertThat(z.add(b("a"), 3)).isFalse();
        assertThat(members(z)).containsExactly("b=2.0", "a=3.0");
        assertThat(z.remove(b("a"))).isTrue();
        assertThat(z.remove(b("a"))).isFalse();
        assertThat(z.size()).isEqualTo(1);
    }

    @Test
    void convertsToSkiplistPastEitherThresholdAndNeverBack() {
        ZSetValue z = new ZSetValue();
        for (int i = 0; i < ZSetValue.MAX_LISTPACK_ENTRIES; i++) {
            z.add(b("m" + i), i);
        }
        assertThat(z.encoding()).isEqualTo("listpack");
        z.add(b("m0"), 5);
        assertThat(z.encoding()).isEqualTo("listpack");
        z.add(b("extra"), 1);
        assertThat(z.encoding()).isEqualTo("skiplist");
        z.remove(b("extra"));
        assertThat(z.encoding()).isEqualTo("skiplist");

        ZSetValue small = new ZSetValue();
        small.add(b("x".repeat(ZSetValue.MAX_LISTPACK_VALUE)), 1);
        assertThat(small.encoding()).isEqualTo("listpack");
        small.add(b("y".repeat(ZSetValue.MAX_LISTPACK_VALUE + 1)), 1);
        assertThat(small.encoding()).isEqualTo("skiplist");
        assertThat(members(small)).hasSize(2);
    }

    @Test
    void listpackStoresMinusZeroAsZeroButSkiplistKeepsIt() {
        ZSetValue z = new ZSetValue();
        z.add(b("a"), -0.0);
        assertThat(Double.doubleToRawLongBits(z.score(b("a")))).isZero();
        z.add(b("x".repeat(100)), 1);
        z.add(b("b"), -0.0);
        assertThat(Double.doubleToRawLongBits(z.score(b("b")))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(z.countBelow(new ScoreRange(0, false, 0, false))).isZero();
        assertThat(z.countUpTo(new ScoreRange(0, false, 0, false))).isEqualTo(2);
    }

    @Test
    void memoryGrowsAndShrinksWithContents() {
        ZSetValue z = new ZSetValue();
        long empty = z.memoryUsage();
        z.add(b("x".repeat(40)), 1);
        assertThat(z.memoryUsage()).isGreaterThanOrEqualTo(empty + 56);
        z.remove(b("x".repeat(40)));
        assertThat(z.memoryUsage()).isEqualTo(empty);
        for (int i = 0; i < 500; i++) {
            z.add(b("member-" + i), i);
        }
        long big = z.memoryUsage();
        assertThat(big).isGreaterThan(500 * 80L);
        z.removeRange(0, 249);
        // Each removal frees its member and index node; the skiplist's arrays shrink once most ids are free.
        assertThat(z.memoryUsage()).isLessThan(big - 250 * 60L);
        z.removeRange(0, 199);
        assertThat(z.memoryUsage()).isLessThan(big / 5);
    }

    @Test
    void rangesCountAndVisit() {
        ZSetValue z = new ZSetValue();
        for (int i = 1; i <= 5; i++) {
            z.add(b("m" + i), i);
        }
        ScoreRange r = new ScoreRange(2, true, 4, false);
        assertThat(z.countBelow(r)).isEqualTo(2);
        assertThat(z.countUpTo(r)).isEqualTo(4);
        List<String> rev = new ArrayList<>();
        z.forRange(1, 3, true, (m, s) -> rev.add(new String(m, StandardCharsets.ISO_8859_1)));
        assertThat(rev).containsExactly("m4", "m3", "m2");
        LexRange lex = new LexRange(b("m2"), false, LexRange.Bound.VALUE, null, true, LexRange.Bound.POS_INF);
        assertThat(z.countBelow(lex)).isEqualTo(1);
        assertThat(z.countUpTo(lex)).isEqualTo(5);
        assertThat(new ScoreRange(3, true, 3, false).isEmpty()).isTrue();
        assertThat(new LexRange(null, true, LexRange.Bound.POS_INF, null, true, LexRange.Bound.NEG_INF).isEmpty())
                .isTrue();
    }

    @Test
    void scanReturnsEveryMemberPresentThroughoutDespiteChanges() {
        ZSetValue z = new ZSetValue();
        for (int i = 0; i < 1000; i++) {
            z.add(b("m" + i), i % 10);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        long cursor = 0;
        int calls = 0;
        int next = 1000;
        do {
            cursor = z.scan(cursor, 10, (m, s) -> seen.add(new String(m, StandardCharsets.ISO_8859_1)));
            z.add(b("m" + next++), calls);
            z.remove(b("m" + (next - 500)));
            calls++;
        } while (cursor != 0 && calls < 10_000);
        assertThat(calls).isBetween(50, 200);
        for (int i = 0; i < 1000; i++) {
            if (z.score(b("m" + i)) != null) {
                assertThat(seen).as("m%d was present throughout", i).contains("m" + i);
            }
        }
        ZSetValue small = new ZSetValue();
        small.add(b("a"), 1);
        List<String> all = new ArrayList<>();
        assertThat(small.scan(0, 1, (m, s) -> all.add(new String(m, StandardCharsets.ISO_8859_1))))
                .isZero();
        assertThat(all).containsExactly("a");
    }

    @Test
    void aSkiplistThatLosesMostMembersShrinksAndKeepsItsOrder() {
        ZSetValue z = new ZSetValue();
        for (int i = 0; i < 1000; i++) {
            z.add(b("m" + i), i % 97);
        }
        long full = z.memoryUsage();
        for (int i = 0; i < 1000; i++) {
            if (i % 10 != 0) {
                assertThat(z.remove(b("m" + i))).isTrue();
            }
        }
        assertThat(z.size()).isEqualTo(100);
        assertThat(z.memoryUsage()).isLessThan(full / 4);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i += 10) {
            expected.add("m" + i + "=" + (double) (i % 97));
        }
        expected.sort(Comparator.comparing((String en) -> Double.parseDouble(en.substring(en.indexOf('=') + 1)))
                .thenComparing(en -> b(en.substring(0, en.indexOf('='))), Arrays::compareUnsigned));
        assertThat(members(z)).isEqualTo(expected);
        assertThat(z.rank(b("m990"))).isEqualTo(expected.indexOf("m990=" + (double) (990 % 97)));
        z.add(b("m990"), -1);
        assertThat(z.rank(b("m990"))).isZero();
        assertThat(z.score(b("m10"))).isEqualTo(10.0);
    }

    /** Random operations on both encodings agree with a simple sorted-list model. */
    @Test
    void matchesAModelUnderRandomOperations() {
        checkAgainstModel(false, 100);
        checkAgainstModel(true, 300);
    }

    private static void checkAgainstModel(boolean skiplist, int keys) {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        ZSetValue z = new ZSetValue();
        byte[] longMember = b("x".repeat(ZSetValue.MAX_LISTPACK_VALUE + 1));
        if (skiplist) {
            z.add(longMember, 0);
            z.remove(longMember);
        }
        Map<String, Double> model = new HashMap<>();
        for (int step = 0; step < 4000; step++) {
            String m = "k" + random.nextInt(keys);
            int op = random.nextInt(10);
            if (op < 6) {
                double score = random.nextInt(50);
                assertThat(z.add(b(m), score)).as("seed %d", seed).isEqualTo(!model.containsKey(m));
                model.put(m, score);
            } else if (op < 9) {
                assertThat(z.remove(b(m))).as("seed %d", seed).isEqualTo(model.remove(m) != null);
            } else if (z.size() > 0) {
                int start = random.nextInt(z.size());
                int end = Math.min(z.size() - 1, start + random.nextInt(5));
                List<String> doomed = new ArrayList<>();
                z.forRange(start, end, false, (mm, s) -> doomed.add(new String(mm, StandardCharsets.ISO_8859_1)));
                assertThat(z.removeRange(start, end)).isEqualTo(end - start + 1);
                doomed.forEach(model::remove);
            }
            if (step % 97 == 0 || step == 3999) {
                List<String> expected = model.entrySet().stream()
                        .sorted(Comparator.comparing((Map.Entry<String, Double> en) -> en.getValue())
                                .thenComparing(en -> b(en.getKey()), Arrays::compareUnsigned))
                        .map(en -> en.getKey() + "=" + en.getValue())
                        .toList();
                assertThat(members(z)).as("seed %d", seed).isEqualTo(expected);
                for (int i = 0; i < expected.size(); i += 7) {
                    String member = expected.get(i).substring(0, expected.get(i).indexOf('='));
                    assertThat(z.rank(b(member))).as("seed %d", seed).isEqualTo(i);
                    assertThat(new String(z.memberAt(i), StandardCharsets.ISO_8859_1))
                            .isEqualTo(member);
                }
            }
        }
        assertThat(z.encoding()).isEqualTo(skiplist ? "skiplist" : "listpack");
        ZSetValue copy = z.copy();
        assertThat(members(copy)).isEqualTo(members(z));
        assertThat(copy.encoding()).isEqualTo(z.encoding());
        copy.add(b("only-in-copy"), 1);
        assertThat(z.score(b("only-in-copy"))).isNull();
    }
}
