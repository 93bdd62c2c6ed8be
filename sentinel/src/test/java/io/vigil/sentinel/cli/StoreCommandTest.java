package io.vigil.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StoreCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return VigilMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpDescribesTheRedisServerForm() {
        assertThat(run("store", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: vigil store [config-file] [--directive value ...]");
    }

    @Test
    void unsupportedDirectiveFailsAtStartNamingIt() {
        assertThat(run("store", "--port", "0", "--io-threads", "4")).isEqualTo(1);
        assertThat(err.toString())
                .contains("command line option 2: directive 'io-threads'")
                .contains("io-threads other than 1 is not supported yet");
    }

    @Test
    void unknownDirectiveFailsAtStart() {
        assertThat(run("store", "--no-such-directive", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("directive 'no-such-directive': Bad directive");
    }
}
