package io.vigil.store.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ListValueTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> contents(ListValue l) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            out.add(new String(l.get(i), StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    @Test
    void matchesADequeUnderRandomPushesAndPops() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
        ListValue l = new ListValue();
        ArrayDeque<String> model = new ArrayDeque<>();
        for (int i = 0; i < 5000; i++) {
            boolean left = random.nextBoolean();
            if (random.nextInt(3) > 0 || model.isEmpty()) {
                String v = "v" + i;
                l.push(b(v), left);
                if (left) {
                    model.addFirst(v);
                } else {
                    model.addLast(v);
                }
            } else {
                String expected = left ? model.pollFirst() : model.pollLast();
                assertThat(new String(l.pop(left), StandardCharsets.ISO_8859_1))
                        .as("seed %d", seed)
                        .isEqualTo(expected);
            }
        }
        assertThat(contents(l)).as("seed %d", seed).containsExactlyElementsOf(model);
    }

    @Test
    void memoryFollowsElementsAndShrinks() {
        ListValue l = new ListValue();
        long empty = l.memoryUsage();
        for (int i = 0; i < 1000; i++) {
            l.push(new byte[100], false);
        }
        assertThat(l.memoryUsage()).isGreaterThan(empty + 1000 * 100);
        while (!l.isEmpty()) {
            l.pop(true);
        }
        assertThat(l.memoryUsage()).isEqualTo(empty);
        assertThat(l.encoding()).isEqualTo("quicklist");
    }

    @Test
    void insertRemoveTrimAndCopy() {
        ListValue l = new ListValue();
        for (String s : new String[] {"a", "b", "a", "c", "a"}) {
            l.push(b(s), false);
        }
        l.insert(2, b("x"));
        assertThat(contents(l)).containsExactly("a", "b", "x", "a", "c", "a");
        assertThat(l.remove(b("a"), 2, true)).isEqualTo(2);
        assertThat(contents(l)).containsExactly("a", "b", "x", "c");
        ListValue copy = l.copy();
        l.trim(1, 1);
        assertThat(contents(l)).containsExactly("b", "x");
        assertThat(contents(copy)).containsExactly("a", "b", "x", "c");
        assertThat(copy.memoryUsage()).isGreaterThan(l.memoryUsage());
        l.set(0, b("longer"));
        assertThat(l.indexOf(b("longer"))).isZero();
    }
}
