package io.vigil.store.aof;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.config.StoreConfig;
import io.vigil.store.engine.Harness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AOF driven through the engine with no sockets: what reaches the file, when, and what a restart loads. */
class AppendOnlyFileTest {

    @TempDir
    Path dir;

    private Harness harness(String... directives) throws Exception {
        StoreConfig config = new StoreConfig();
        config.set("dir", dir.toString());
        config.set("appendonly", "yes");
        config.set("appendfsync", "always");
        for (int i = 0; i < directives.length; i += 2) {
            config.set(directives[i], directives[i + 1]);
        }
        Harness h = new Harness(config);
        h.engine.aof().openAtStart();
        return h;
    }

    private String incr(int seq) throws Exception {
        return Files.readString(
                dir.resolve("appendonlydir/appendonly.aof." + seq + ".incr.aof"), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aWriteIsInTheFileBeforeItsReplyAndOnlyWritesAreAppended() throws Exception {
        Harness h = harness();
        Harness.Conn c = h.connect();
        assertThat(c.cmd("SET", "k", "v")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("GET", "k")).isEqualTo("$1\r\nv\r\n");
        assertThat(c.cmd("DEL", "missing")).isEqualTo(":0\r\n");
        assertThat(c.cmd("SELECT", "3")).isEqualTo("+OK\r\n");
        c.cmd("MULTI");
        c.cmd("INCR", "n");
        c.cmd("EXPIRE", "n", "100");
        c.cmd("EXEC");
        assertThat(incr(1))
                .isEqualTo("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n"
                        + "*2\r\n$6\r\nSELECT\r\n$1\r\n3\r\n*1\r\n$5\r\nMULTI\r\n*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n"
                        + "*3\r\n$9\r\nPEXPIREAT\r\n$1\r\nn\r\n$13\r\n" + (h.clock.millis() + 100_000)
                        + "\r\n*1\r\n$4\r\nEXEC\r\n");
        assertThat(Files.readString(dir.resolve("appendonlydir/appendonly.aof.manifest")))
                .isEqualTo(
                        "file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n");
    }

    @Test
    void underAlwaysRepliesOfOneEventLoopIterationWaitForOneGroupCommit() throws Exception {
        Harness h = harness();
        Harness.Conn a = h.connect();
        Harness.Conn b = h.connect();
        ArrayDeque<Runnable> loop = new ArrayDeque<>();
        for (Harness.Conn c : new Harness.Conn[] {a, b}) {
            var buf = io.netty.buffer.Unpooled.copiedBuffer(
                    "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n", StandardCharsets.ISO_8859_1);
            h.engine.onRead(c.client, buf);
            h.engine.afterRead(loop::add);
            buf.release();
        }
        assertThat(loop).hasSize(1);
        assertThat(a.out.take()).isEmpty();
        assertThat(incr(1)).isEmpty();
        loop.poll().run();
        assertThat(a.out.take()).isEqualTo("+OK\r\n");
        assertThat(b.out.take()).isEqualTo("+OK\r\n");
        assertThat(incr(1)).contains("SET").hasSize(2 * 27 + 23);
    }

    @Test
    void everysecRepliesAtOnceAndTheCronWritesWhatWasBuffered() throws Exception {
        Harness h = harness("appendfsync", "everysec");
        Harness.Conn a = h.connect();
        ArrayDeque<Runnable> loop = new ArrayDeque<>();
        var buf = io.netty.buffer.Unpooled.copiedBuffer(
                "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n", StandardCharsets.ISO_8859_1);
        h.engine.onRead(a.client, buf);
        buf.release();
        h.engine.afterRead(loop::add);
        assertThat(loop).isEmpty();
        assertThat(a.out.take()).isEqualTo("+OK\r\n");
        assertThat(incr(1)).contains("SET");
    }

    @Test
    void aRestartLoadsBaseAndIncrementalFilesAndARewriteReplacesThem() throws Exception {
        Harness h = harness();
        Harness.Conn c = h.connect();
        c.cmd("RPUSH", "list", "a", "b");
        c.cmd("SET", "gone", "x", "PX", "10");
        assertThat(c.cmd("BGREWRITEAOF")).isEqualTo("+Background append only file rewriting started\r\n");
        c.cmd("RPUSH", "list", "c");
        assertThat(h.engine.aof().awaitRewrite()).isTrue();
        h.clock.advance(20);
        assertThat(c.cmd("GET", "gone")).isEqualTo("$-1\r\n"); // expired: propagated as DEL
        c.cmd("HSET", "h", "f", "v");
        assertThat(h.engine.aof().manifest().format())
                .isEqualTo(
                        "file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n");
        assertThat(dir.resolve("appendonlydir/appendonly.aof.1.incr.aof")).doesNotExist();
        assertThat(incr(2)).contains("DEL").contains("gone");

        Harness again = harness();
        Harness.Conn d = again.connect();
        assertThat(d.cmd("LRANGE", "list", "0", "-1")).isEqualTo("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n");
        assertThat(d.cmd("HGET", "h", "f")).isEqualTo("$1\r\nv\r\n");
        assertThat(d.cmd("EXISTS", "gone")).isEqualTo(":0\r\n");
        assertThat(d.cmd("INFO", "persistence")).contains("aof_enabled:1\r\n", "aof_base_size:");
    }

    @Test
    void anAutomaticRewriteStartsWhenTheFileHasGrownByThePercentage() throws Exception {
        Harness h = harness("auto-aof-rewrite-min-size", "1000", "auto-aof-rewrite-percentage", "100");
        Harness.Conn c = h.connect();
        h.engine.cron();
        assertThat(h.engine.aof().rewriteInProgress()).isFalse();
        for (int i = 0; i < 40; i++) {
            c.cmd("SET", "key" + i, "value" + i);
        }
        h.engine.cron();
        assertThat(h.engine.aof().rewriteInProgress()).isTrue();
        h.engine.aof().awaitRewrite();
        assertThat(c.cmd("INFO", "persistence")).contains("aof_rewrites:1\r\n");
    }

    @Test
    void aTornTailBeforeTheLastFileIsNotRepairedButRefused() throws Exception {
        Harness h = harness();
        Harness.Conn c = h.connect();
        c.cmd("SET", "a", "1");
        // a rewrite that has not ended: the manifest lists base 1, incr 1 and incr 2
        c.cmd("BGREWRITEAOF");
        c.cmd("SET", "b", "2");
        assertThat(h.engine.aof().manifest().incrs()).hasSize(2);
        Files.writeString(
                dir.resolve("appendonlydir/appendonly.aof.1.incr.aof"),
                "*2\r\n$3\r\nDEL",
                java.nio.file.StandardOpenOption.APPEND);
        org.assertj.core.api.Assertions.assertThatThrownBy(this::harness)
                .hasMessageContaining("Unexpected end of file reading the append only file")
                .hasMessageContaining("appendonly.aof.1.incr.aof")
                .hasMessageContaining("only repaired in the last file");
        h.engine.aof().awaitRewrite();
    }

    @Test
    void timestampAnnotationsAreSkippedAsRedisDoes() throws Exception {
        Harness h = harness();
        h.connect().cmd("SET", "a", "1");
        Files.writeString(
                dir.resolve("appendonlydir/appendonly.aof.1.incr.aof"),
                "#TS:1700000000\r\n*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n#TS:1700000001\r\n",
                java.nio.file.StandardOpenOption.APPEND);
        Harness.Conn c = harness().connect();
        assertThat(c.cmd("MGET", "a", "b")).isEqualTo("*2\r\n$1\r\n1\r\n$1\r\n2\r\n");
    }
}
