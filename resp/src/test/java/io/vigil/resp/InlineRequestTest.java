package io.vigil.resp;

import static io.vigil.resp.Bufs.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InlineRequestTest {

    private static String[] split(String line) {
        byte[][] args = InlineRequest.split(line.getBytes(StandardCharsets.ISO_8859_1));
        return args == null ? null : strings(args);
    }

    @Test
    void splitsLikeSdssplitargs() {
        assertThat(split("  set   a  b ")).containsExactly("set", "a", "b");
        assertThat(split("a\"b c\"d")).isNull();
        assertThat(split("a\"b c\"")).containsExactly("ab c");
        assertThat(split("\"\\t\\r\\n\\b\\a\\q\"")).containsExactly("\t\r\n\b\u0007q");
        assertThat(split("'it\\'s' \"\\x4a\\x4\"")).containsExactly("it's", "Jx4");
        assertThat(split("''")).containsExactly("");
        assertThat(split("'abc")).isNull();
        assertThat(split("a\0b c")).containsExactly("a");
        assertThat(split("   ")).isEmpty();
    }
}
