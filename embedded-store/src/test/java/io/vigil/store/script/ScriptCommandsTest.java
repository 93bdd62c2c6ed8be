package io.vigil.store.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.engine.Harness;
import org.junit.jupiter.api.Test;

class ScriptCommandsTest {

    private static final String UNLOCK =
            "if redis.call(\"get\",KEYS[1]) == ARGV[1] then return redis.call(\"del\",KEYS[1]) else return 0 end";

    private final Harness h = new Harness();
    private final Harness.Conn c = h.connect();

    @Test
    void compareAndDeleteReleasesOnlyTheOwnersLock() {
        c.cmd("SET", "lock", "token-1", "NX", "PX", "30000");
        assertThat(c.cmd("EVAL", UNLOCK, "1", "lock", "someone-else")).isEqualTo(":0\r\n");
        assertThat(c.cmd("EVAL", UNLOCK, "1", "lock", "token-1")).isEqualTo(":1\r\n");
        assertThat(c.cmd("EXISTS", "lock")).isEqualTo(":0\r\n");
        String sha = Sha1Hex.of(UNLOCK.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(c.cmd("EVALSHA", sha.toUpperCase(), "1", "lock", "x")).isEqualTo(":0\r\n");
    }

    @Test
    void convertsLuaValuesLikeRedis() {
        assertThat(c.cmd("EVAL", "return 3.99", "0")).isEqualTo(":3\r\n");
        assertThat(c.cmd("EVAL", "return -3.99", "0")).isEqualTo(":-3\r\n");
        assertThat(c.cmd("EVAL", "return true", "0")).isEqualTo(":1\r\n");
        assertThat(c.cmd("EVAL", "return false", "0")).isEqualTo("$-1\r\n");
        assertThat(c.cmd("EVAL", "return nil", "0")).isEqualTo("$-1\r\n");
        assertThat(c.cmd("EVAL", "return {1,2,3,nil,4}", "0")).isEqualTo("*3\r\n:1\r\n:2\r\n:3\r\n");
        assertThat(c.cmd("EVAL", "return {ok='fine'}", "0")).isEqualTo("+fine\r\n");
        assertThat(c.cmd("EVAL", "return {err='MY bad'}", "0")).isEqualTo("-MY bad\r\n");
        assertThat(c.cmd("EVAL", "return {KEYS[1], ARGV[1], ARGV[2]}", "1", "k", "a", "b"))
                .isEqualTo("*3\r\n$1\r\nk\r\n$1\r\na\r\n$1\r\nb\r\n");
        assertThat(c.cmd("EVAL", "return redis.status_reply('PONG')", "0")).isEqualTo("+PONG\r\n");
        assertThat(c.cmd("EVAL", "return redis.error_reply('foo bar')", "0")).isEqualTo("-foo bar\r\n");
        assertThat(c.cmd("EVAL", "return redis.error_reply('single')", "0")).isEqualTo("-ERR single\r\n");
        assertThat(c.cmd("EVAL", "return redis.sha1hex('')", "0"))
                .isEqualTo("$40\r\nda39a3ee5e6b4b0d3255bfef95601890afd80709\r\n");
    }

    @Test
    void commandRepliesBecomeLuaValues() {
        c.cmd("SET", "s", "v");
        assertThat(c.cmd("EVAL", "return redis.call('set', KEYS[1], 'x')", "1", "k"))
                .isEqualTo("+OK\r\n");
        assertThat(c.cmd("EVAL", "return type(redis.call('get', 'missing'))", "0"))
                .isEqualTo("$7\r\nboolean\r\n");
        assertThat(c.cmd("EVAL", "return redis.call('incr', 'n') + 1", "0")).isEqualTo(":2\r\n");
        assertThat(c.cmd("EVAL", "return redis.pcall('incr', 's')['err']", "0"))
                .isEqualTo("$43\r\nERR value is not an integer or out of range\r\n");
        assertThat(c.cmd("EVAL", "return redis.call('incr', 's')", "0"))
                .startsWith("-ERR value is not an integer or out of range script: ")
                .endsWith(", on @user_script:1.\r\n");
        assertThat(c.cmd("EVAL", "return redis.call('set', 'f', 5.5)", "0")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("GET", "f")).isEqualTo("$3\r\n5.5\r\n");
    }

    @Test
    void binaryValuesSurviveTheRoundTrip() {
        String bin = "a\u0000b\u00ff\r\n";
        c.cmd("SET", "bin", bin);
        assertThat(c.cmd("EVAL", "return redis.call('get', KEYS[1])", "1", "bin"))
                .isEqualTo("$6\r\n" + bin + "\r\n");
        assertThat(c.cmd("EVAL", "return string.len(ARGV[1])", "0", bin)).isEqualTo(":6\r\n");
    }

    @Test
    void errorsNameTheScriptAndLine() {
        assertThat(c.cmd("EVAL", "return 1", "-1")).isEqualTo("-ERR Number of keys can't be negative\r\n");
        assertThat(c.cmd("EVAL", "return 1", "2", "a"))
                .isEqualTo("-ERR Number of keys can't be greater than number of args\r\n");
        assertThat(c.cmd("EVAL", "a = 5", "0"))
                .isEqualTo("-ERR user_script:1: Attempt to modify a readonly table script: "
                        + "18caf8c012aa13c49942060b9653c687e0dcabec, on @user_script:1.\r\n");
        assertThat(c.cmd("EVAL", "return os", "0"))
                .isEqualTo("-ERR user_script:1: Script attempted to access nonexistent global variable 'os' script: "
                        + "f03b5ad6e7d58786b6a5e879efbea4a4408f5c2f, on @user_script:1.\r\n");
        assertThat(c.cmd("EVAL", "return redis.call(\"nosuch\")", "0"))
                .isEqualTo("-ERR Unknown Redis command called from script script: "
                        + "2218effcac8108416909801acfb39c080a85adfa, on @user_script:1.\r\n");
        assertThat(c.cmd("EVAL", "return syntax error here", "0"))
                .isEqualTo(
                        "-ERR Error compiling script (new function): user_script:1: '<eof>' expected near 'error'\r\n");
        assertThat(c.cmd("EVALSHA", "ffffffffffffffffffffffffffffffffffffffff", "0"))
                .isEqualTo("-NOSCRIPT No matching script. Please use EVAL.\r\n");
    }

    @Test
    void scriptSubcommands() {
        assertThat(c.cmd("SCRIPT", "LOAD", "return 1"))
                .isEqualTo("$40\r\ne0e1f9fabfc9d4800c877a703b823ac0578ff8db\r\n");
        assertThat(c.cmd("SCRIPT", "EXISTS", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "abc"))
                .isEqualTo("*2\r\n:1\r\n:0\r\n");
        assertThat(c.cmd("EVALSHA", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "0"))
                .isEqualTo(":1\r\n");
        assertThat(c.cmd("SCRIPT", "FLUSH", "ASYNC")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("SCRIPT", "EXISTS", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db"))
                .isEqualTo("*1\r\n:0\r\n");
        assertThat(c.cmd("SCRIPT", "FLUSH", "foo")).isEqualTo("-ERR SCRIPT FLUSH only support SYNC|ASYNC option\r\n");
        assertThat(c.cmd("SCRIPT", "KILL")).isEqualTo("-NOTBUSY No scripts in execution right now.\r\n");
    }

    @Test
    void writesReplicateAsEffects() {
        c.cmd("EVAL", "redis.call('set', 'a', '1')", "0");
        assertThat(h.propagated).containsExactly("0:set a 1");
        h.propagated.clear();
        c.cmd("EVAL", "redis.call('set', 'a', '2'); redis.call('incr', 'a'); redis.call('get', 'a')", "0");
        assertThat(h.propagated).containsExactly("0:MULTI", "0:set a 2", "0:incr a", "-1:EXEC");
        h.propagated.clear();
        c.cmd("MULTI");
        c.cmd("SET", "b", "1");
        c.cmd("EVAL", "redis.call('set', 'a', '3'); redis.call('incr', 'a')", "0");
        c.cmd("EXEC");
        assertThat(h.propagated).containsExactly("0:MULTI", "0:SET b 1", "0:set a 3", "0:incr a", "-1:EXEC");
    }

    @Test
    void selectInsideAScriptDoesNotMoveTheCaller() {
        c.cmd("EVAL", "redis.call('select', '1'); redis.call('set', 'x', 'in1')", "0");
        assertThat(c.cmd("EXISTS", "x")).isEqualTo(":0\r\n");
        c.cmd("SELECT", "1");
        assertThat(c.cmd("GET", "x")).isEqualTo("$3\r\nin1\r\n");
    }

    @Test
    void randomFollowsTheSameSequenceInEveryFreshStore() {
        String script = "return {math.random(100), math.random(100), math.random(5, 50)}";
        String first = c.cmd("EVAL", script, "0");
        Harness other = new Harness();
        assertThat(other.connect().cmd("EVAL", script, "0")).isEqualTo(first).startsWith("*3\r\n");
        assertThat(c.cmd("EVAL", "return math.random(5, 1)", "0"))
                .startsWith("-ERR user_script:1: bad argument #2 to 'random' (interval is empty) script: ");
    }
}
