package io.vigil.store.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.config.StoreConfig;
import org.junit.jupiter.api.Test;

class DispatchTest {

    private final Harness h = new Harness();
    private final Harness.Conn c = h.connect();

    @Test
    void unknownCommandAndArityErrorsMatchRedis() {
        assertThat(c.cmd("foo", "a", "b"))
                .isEqualTo("-ERR unknown command 'foo', with args beginning with: 'a' 'b' \r\n");
        assertThat(c.cmd("GET")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
        assertThat(c.cmd("CONFIG")).isEqualTo("-ERR wrong number of arguments for 'config' command\r\n");
        assertThat(c.cmd("config", "nope")).isEqualTo("-ERR unknown subcommand 'nope'. Try CONFIG HELP.\r\n");
        assertThat(c.cmd("config", "get")).isEqualTo("-ERR wrong number of arguments for 'config|get' command\r\n");
    }

    @Test
    void pipelinedRequestsAnswerInOrder() {
        assertThat(c.raw("PING\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"))
                .isEqualTo("+PONG\r\n+OK\r\n$1\r\nv\r\n");
    }

    @Test
    void garbageGetsProtocolErrorAndClose() {
        Harness.Conn other = h.connect();
        assertThat(c.raw("*1\r\nx\r\nPING\r\n")).isEqualTo("-ERR Protocol error: expected '$', got 'x'\r\n");
        assertThat(c.out.closed()).isTrue();
        assertThat(other.cmd("PING")).isEqualTo("+PONG\r\n");
        assertThat(h.engine.clients()).containsExactly(other.client);
    }

    @Test
    void requirepassGatesCommands() {
        StoreConfig config = new StoreConfig();
        config.set("requirepass", "secret");
        config.set("save", "");
        Harness secured = new Harness(config);
        Harness.Conn conn = secured.connect();
        assertThat(conn.cmd("GET", "k")).isEqualTo("-NOAUTH Authentication required.\r\n");
        assertThat(conn.cmd("nosuch")).startsWith("-ERR unknown command");
        assertThat(conn.cmd("AUTH", "wrong"))
                .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
        assertThat(conn.cmd("HELLO", "3")).startsWith("-NOAUTH HELLO must be called");
        assertThat(conn.cmd("AUTH", "secret")).isEqualTo("+OK\r\n");
        assertThat(conn.cmd("GET", "k")).isEqualTo("$-1\r\n");
        assertThat(secured.connect().cmd("HELLO", "3", "AUTH", "default", "secret"))
                .startsWith("%7\r\n");
    }

    @Test
    void authWithoutPasswordConfigured() {
        assertThat(c.cmd("AUTH", "x")).startsWith("-ERR AUTH <password> called without any password configured");
        assertThat(c.cmd("AUTH", "default", "x")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("AUTH", "bob", "x")).startsWith("-WRONGPASS");
        assertThat(c.cmd("AUTH", "a", "b", "c")).isEqualTo("-ERR syntax error\r\n");
    }

    @Test
    void helloSwitchesProtocol() {
        assertThat(c.cmd("HELLO", "4")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
        assertThat(c.cmd("HELLO", "x")).isEqualTo("-ERR Protocol version is not an integer or out of range\r\n");
        String hello = c.cmd("HELLO", "3", "SETNAME", "me");
        assertThat(hello)
                .startsWith(
                        "%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n");
        assertThat(c.cmd("GET", "missing")).isEqualTo("_\r\n");
        assertThat(c.cmd("CLIENT", "GETNAME")).isEqualTo("$2\r\nme\r\n");
        assertThat(c.cmd("RESET")).isEqualTo("+RESET\r\n");
        assertThat(c.cmd("GET", "missing")).isEqualTo("$-1\r\n");
    }

    @Test
    void selectAndSwapdb() {
        assertThat(c.cmd("SELECT", "16")).isEqualTo("-ERR DB index is out of range\r\n");
        assertThat(c.cmd("SELECT", "99999999999"))
                .isEqualTo("-ERR value is out of range, value must between -2147483648 and 2147483647\r\n");
        c.cmd("SET", "k", "v");
        assertThat(c.cmd("SWAPDB", "0", "1")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("DBSIZE")).isEqualTo(":0\r\n");
        c.cmd("SELECT", "1");
        assertThat(c.cmd("GET", "k")).isEqualTo("$1\r\nv\r\n");
        assertThat(c.cmd("SWAPDB", "x", "1")).isEqualTo("-ERR invalid first DB index\r\n");
    }

    @Test
    void clientKillByTypeAndOldForm() {
        Harness.Conn sub = h.connect();
        sub.cmd("SUBSCRIBE", "ch");
        Harness.Conn normal = h.connect();
        assertThat(c.cmd("CLIENT", "KILL", "TYPE", "pubsub")).isEqualTo(":1\r\n");
        assertThat(sub.out.closed()).isTrue();
        assertThat(c.cmd("CLIENT", "KILL", "TYPE", "normal")).isEqualTo(":1\r\n");
        assertThat(normal.out.closed()).isTrue();
        assertThat(c.out.closed()).isFalse();
        assertThat(c.cmd("CLIENT", "KILL", "1.2.3.4:5")).isEqualTo("-ERR No such client\r\n");
        assertThat(c.cmd("CLIENT", "KILL", "TYPE", "foo")).isEqualTo("-ERR Unknown client type 'foo'\r\n");
        assertThat(c.cmd("CLIENT", "KILL", c.client.remoteAddress())).isEqualTo("+OK\r\n");
        assertThat(c.out.closed()).isTrue();
    }

    @Test
    void outputBufferLimitDisconnectsSlowSubscriber() {
        h.config.set("client-output-buffer-limit", "pubsub 1mb 256kb 60");
        Harness.Conn sub = h.connect();
        sub.cmd("SUBSCRIBE", "ch");
        sub.out.pending(300 * 1024);
        c.cmd("PUBLISH", "ch", "m");
        assertThat(sub.out.closed()).as("soft limit just reached").isFalse();
        h.clock.advance(61_000);
        h.engine.cron();
        assertThat(sub.out.closed()).isTrue();
        Harness.Conn sub2 = h.connect();
        sub2.cmd("SUBSCRIBE", "ch");
        sub2.out.pending(2 * 1024 * 1024);
        c.cmd("PUBLISH", "ch", "m");
        assertThat(sub2.out.closed()).as("hard limit").isTrue();
        assertThat(c.cmd("PING")).isEqualTo("+PONG\r\n");
    }

    @Test
    void maxclientsRefusesWithError() {
        h.config.set("maxclients", "1");
        FakeOutput refused = new FakeOutput("127.0.0.1:1");
        assertThat(h.engine.connect(refused)).isNull();
        assertThat(refused.take()).isEqualTo("-ERR max number of clients reached\r\n");
        assertThat(refused.closed()).isTrue();
    }

    @Test
    void idleClientsAreClosedAfterTimeoutButSubscribersAreNot() {
        h.config.set("timeout", "10");
        Harness.Conn sub = h.connect();
        sub.cmd("SUBSCRIBE", "ch");
        h.clock.advance(10_001);
        h.engine.cron();
        assertThat(c.out.closed()).isTrue();
        assertThat(sub.out.closed()).isFalse();
    }

    @Test
    void clientListDescribesConnections() {
        c.cmd("CLIENT", "SETNAME", "probe");
        c.cmd("CLIENT", "SETINFO", "lib-name", "vigil-test");
        String list = c.cmd("CLIENT", "LIST");
        assertThat(list)
                .startsWith("$")
                .contains("id=" + c.client.id() + " addr=" + c.client.remoteAddress())
                .contains(" name=probe ")
                .contains(" flags=N ")
                .contains(" cmd=client|list ")
                .contains(" resp=2 lib-name=vigil-test lib-ver=");
        assertThat(c.cmd("CLIENT", "SETNAME", "two words"))
                .isEqualTo("-ERR Client names cannot contain spaces, newlines or special characters.\r\n");
        assertThat(c.cmd("CLIENT", "ID")).isEqualTo(":" + c.client.id() + "\r\n");
        assertThat(c.cmd("CLIENT", "LIST", "TYPE", "pubsub")).isEqualTo("$0\r\n\r\n");
    }

    @Test
    void quitRepliesThenCloses() {
        assertThat(c.cmd("QUIT")).isEqualTo("+OK\r\n");
        assertThat(c.out.closed()).isTrue();
    }
}
