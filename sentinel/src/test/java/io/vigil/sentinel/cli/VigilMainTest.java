package io.vigil.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class VigilMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return VigilMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void versionNamesTheBuiltVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("vigil " + VigilVersion.version()).contains("Java ");
        assertThat(VigilVersion.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: vigil").contains("--version");
    }

    @Test
    void unknownOptionIsAnErrorWithUsage() {
        assertThat(run("--no-such-option")).isEqualTo(2);
        assertThat(err.toString())
                .contains("Unknown option: '--no-such-option'")
                .contains("Usage: vigil");
    }
}
