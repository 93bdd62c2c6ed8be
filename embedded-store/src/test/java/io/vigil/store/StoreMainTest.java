package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.config.StoreConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreMainTest {

    @TempDir
    Path dir;

    @Test
    void configFileThenDirectives() throws Exception {
        Path file = dir.resolve("s.conf");
        Files.writeString(file, "port 7100\nhz 20\n");
        StoreConfig config = StoreMain.load(List.of(file.toString(), "--port", "7200", "--bind", "127.0.0.1", "::1"));
        assertThat(config.port()).isEqualTo(7200);
        assertThat(config.hz()).isEqualTo(20);
        assertThat(config.bind()).containsExactly("127.0.0.1", "::1");
    }

    @Test
    void invalidConfigurationExitsWithReasonBeforeListening() {
        StringWriter err = new StringWriter();
        int status = StoreMain.run(List.of("--io-threads", "4"), new PrintWriter(err, true));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString())
                .contains("command line:1: io-threads \"4\": ")
                .contains("not supported yet");
    }
}
