package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.EmbeddedStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real {@code redis-cli}, as a separate process, talks to the store. */
class RedisCliIT {

    private static EmbeddedStore store;

    @BeforeAll
    static void start() {
        store = StoreFixture.start();
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
    }

    private static String cli(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(store.port())));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("redis-cli finished").isTrue();
        return out;
    }

    @Test
    void commandsFromArguments() throws Exception {
        assertThat(cli(null, "PING")).isEqualTo("PONG\n");
        assertThat(cli(null, "SET", "greeting", "hello world")).isEqualTo("OK\n");
        assertThat(cli(null, "GET", "greeting")).isEqualTo("hello world\n");
        assertThat(cli(null, "INCR", "visits")).isEqualTo("1\n");
        assertThat(cli(null, "GET", "nokey")).isEqualTo("\n");
        assertThat(cli(null, "NOSUCH")).startsWith("ERR unknown command 'NOSUCH'");
        assertThat(cli(null, "INFO", "replication")).contains("role:master");
        assertThat(cli(null, "--no-raw", "MGET", "greeting", "nokey")).isEqualTo("1) \"hello world\"\n2) (nil)\n");
    }

    @Test
    void commandsFromStdinAndPipelinedBenchmarkStyle() throws Exception {
        String out = cli("SET a 1\nINCRBY a 41\nGET a\nDEL a\n");
        assertThat(out).isEqualTo("OK\n42\n42\n1\n");
        assertThat(cli(null, "--no-raw", "CONFIG", "GET", "save")).isEqualTo("1) \"save\"\n2) \"\"\n");
    }
}
