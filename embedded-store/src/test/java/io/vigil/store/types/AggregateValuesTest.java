package io.vigil.store.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AggregateValuesTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void hashMemoryMatchesAFreshCopyAfterChanges() {
        HashValue h = new HashValue();
        for (int i = 0; i < 1000; i++) {
            h.set(b("field-" + i), b("value-" + i));
        }
        for (int i = 0; i < 1000; i += 3) {
            h.delete(b("field-" + i));
        }
        h.set(b("field-1"), b("a much longer value than before"));
        assertThat(h.encoding()).isEqualTo("hashtable");
        HashValue copy = h.copy();
        assertThat(copy.size()).isEqualTo(h.size());
        assertThat(copy.get(b("field-1"))).isEqualTo(b("a much longer value than before"));
        assertThat(copy.encoding()).isEqualTo("hashtable");
        assertThat(h.memoryUsage()).isGreaterThan(h.size() * 60L);
    }

    @Test
    void listpackKeepsInsertionOrderAcrossUpdates() {
        HashValue h = new HashValue();
        h.set(b("b"), b("1"));
        h.set(b("a"), b("2"));
        h.set(b("b"), b("3"));
        StringBuilder order = new StringBuilder();
        h.forEach((f, v) -> order.append(new String(f, StandardCharsets.ISO_8859_1))
                .append('=')
                .append(new String(v, StandardCharsets.ISO_8859_1))
                .append(' '));
        assertThat(order.toString()).isEqualTo("b=3 a=2 ");
    }

    @Test
    void intsetIsSortedAndComparesCanonically() {
        SetValue s = SetValue.forFirst(b("5"));
        assertThat(s.encoding()).isEqualTo("intset");
        assertThat(s.add(b("5"))).isTrue();
        s.add(b("-9223372036854775808"));
        s.add(b("9223372036854775807"));
        s.add(b("0"));
        assertThat(s.add(b("5"))).isFalse();
        assertThat(s.contains(b("05"))).isFalse();
        assertThat(s.remove(b("+5"))).isFalse();
        StringBuilder order = new StringBuilder();
        s.forEach(m -> order.append(new String(m, StandardCharsets.ISO_8859_1)).append(' '));
        assertThat(order.toString()).isEqualTo("-9223372036854775808 0 5 9223372036854775807 ");
        long before = s.memoryUsage();
        s.add(b("x"));
        assertThat(s.encoding()).isEqualTo("hashtable");
        assertThat(s.memoryUsage()).isGreaterThan(before);
        assertThat(s.contains(b("9223372036854775807"))).isTrue();
        assertThat(SetValue.forFirst(b("9223372036854775808")).encoding()).isEqualTo("hashtable");
    }
}
