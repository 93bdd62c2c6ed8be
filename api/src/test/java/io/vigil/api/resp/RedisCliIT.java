package io.vigil.api.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real {@code redis-cli}, as a separate process, against the port. */
class RedisCliIT {

    private static final Path REDIS_CLI = Path.of("/usr/bin/redis-cli");

    private PortFixture fixture;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(REDIS_CLI), "needs " + REDIS_CLI + " (Debian package redis-tools)");
        fixture = new PortFixture();
        fixture.service.addMaster("mymaster", "127.0.0.1", 6379, 2);
    }

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private String cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(REDIS_CLI.toString(), "-h", "127.0.0.1", "-p", Integer.toString(fixture.port())));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("redis-cli did not finish: " + command);
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void getMasterAddrByName() throws Exception {
        assertThat(cli("sentinel", "get-master-addr-by-name", "mymaster")).isEqualTo("127.0.0.1\n6379\n");
    }

    @Test
    void getMasterAddrByNameOverResp3() throws Exception {
        assertThat(cli("-3", "sentinel", "get-master-addr-by-name", "mymaster")).isEqualTo("127.0.0.1\n6379\n");
    }

    @Test
    void errorsAndRole() throws Exception {
        assertThat(cli("sentinel", "master", "nope")).isEqualTo("ERR No such master with that name\n\n");
        assertThat(cli("role")).isEqualTo("sentinel\nmymaster\n");
        assertThat(cli("sentinel", "ckquorum", "mymaster"))
                .isEqualTo("NOQUORUM 1 usable Sentinels. Not enough available Sentinels to reach the specified quorum "
                        + "for this master\n\n");
    }
}
