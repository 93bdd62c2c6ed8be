package io.vigil.api.resp.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.resp.SentinelRespOptions;
import io.vigil.resp.RespError;
import io.vigil.resp.RespVersion;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionCommandsTest {

    private CommandHarness harness;
    private CommandHarness.Client client;

    @BeforeEach
    void setUp() {
        harness = new CommandHarness();
        harness.service.addMaster("mymaster", "127.0.0.1", 6379, 2);
        harness.service.addMaster("other", "127.0.0.1", 6390, 2);
        client = harness.client();
    }

    private static Reply err(String text) {
        return Reply.error(RespError.of(text));
    }

    @Test
    void pingAnswersPongOrEcho() {
        assertThat(client.wire("PING")).isEqualTo("+PONG\r\n");
        assertThat(client.wire("ping", "hello")).isEqualTo("$5\r\nhello\r\n");
        assertThat(client.run("PING", "a", "b")).isEqualTo(err("ERR wrong number of arguments for 'ping' command"));
    }

    @Test
    void unknownCommandQuotesItsArguments() {
        assertThat(client.run("GET", "foo"))
                .isEqualTo(err("ERR unknown command 'GET', with args beginning with: 'foo' "));
    }

    @Test
    void roleListsMasterNames() {
        assertThat(client.wire("ROLE")).isEqualTo("*2\r\n$8\r\nsentinel\r\n*2\r\n$8\r\nmymaster\r\n$5\r\nother\r\n");
    }

    @Test
    void helloSwitchesProtocolAndDescribesTheServer() {
        assertThat(client.wire("HELLO", "3"))
                .isEqualTo("%6\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n"
                        + "$2\r\nid\r\n:" + client.session.id() + "\r\n$4\r\nmode\r\n$8\r\nsentinel\r\n"
                        + "$7\r\nmodules\r\n*0\r\n");
        assertThat(client.session.version()).isEqualTo(RespVersion.RESP3);
        assertThat(client.run("HELLO", "4")).isEqualTo(err("NOPROTO unsupported protocol version"));
        assertThat(client.run("HELLO", "x")).isEqualTo(err("ERR Protocol version is not an integer or out of range"));
        assertThat(client.run("HELLO", "2", "bogus")).isEqualTo(err("ERR Syntax error in HELLO option 'bogus'"));
        assertThat(client.run("HELLO", "2", "SETNAME", "app-1")).isInstanceOf(Reply.MapReply.class);
        assertThat(client.session.version()).isEqualTo(RespVersion.RESP2);
        assertThat(client.run("CLIENT", "GETNAME")).isEqualTo(Reply.bulk("app-1"));
    }

    @Test
    void requirepassGatesCommandsUntilAuth() {
        harness = new CommandHarness(new SentinelRespOptions().requirePass("s3cret"));
        CommandHarness.Client guest = harness.client();

        assertThat(guest.run("PING")).isEqualTo(err("NOAUTH Authentication required."));
        assertThat(guest.run("SENTINEL", "masters")).isEqualTo(err("NOAUTH Authentication required."));
        assertThat(guest.run("HELLO", "3")).isEqualTo(Reply.error(RespError.NOAUTH_HELLO));
        assertThat(guest.run("AUTH", "wrong")).isEqualTo(Reply.error(RespError.WRONGPASS));
        assertThat(guest.run("AUTH", "someone", "s3cret")).isEqualTo(Reply.error(RespError.WRONGPASS));
        assertThat(guest.run("AUTH", "s3cret")).isEqualTo(Reply.OK);
        assertThat(guest.run("PING")).isEqualTo(new Reply.Simple("PONG"));

        CommandHarness.Client viaHello = harness.client();
        assertThat(viaHello.run("HELLO", "3", "AUTH", "default", "s3cret")).isInstanceOf(Reply.MapReply.class);
        assertThat(viaHello.session.authenticated()).isTrue();
    }

    @Test
    void authWithoutRequirepassIsRedisError() {
        assertThat(client.run("AUTH", "x")).isEqualTo(Reply.error(RespError.AUTH_NOT_CONFIGURED));
        assertThat(client.run("AUTH", "default", "anything")).isEqualTo(Reply.OK);
        assertThat(client.run("AUTH", "a", "b", "c")).isEqualTo(Reply.error(RespError.SYNTAX));
    }

    @Test
    void clientSubcommands() {
        assertThat(client.run("CLIENT", "GETNAME")).isEqualTo(Reply.NULL);
        assertThat(client.run("CLIENT", "SETNAME", "has space")).isEqualTo(Reply.error(RespError.CLIENT_NAME_CHARS));
        assertThat(client.run("CLIENT", "SETNAME", "sentinel-4c24202d-cmd")).isEqualTo(Reply.OK);
        assertThat(client.run("CLIENT", "ID")).isEqualTo(Reply.integer(client.session.id()));
        assertThat(client.run("CLIENT", "SETINFO", "lib-name", "Lettuce")).isEqualTo(Reply.OK);
        assertThat(client.run("CLIENT", "SETINFO", "color", "red")).isEqualTo(err("ERR Unrecognized option 'color'"));
        String list = ((Reply.Bulk) client.run("CLIENT", "LIST")).text();
        assertThat(list)
                .startsWith("id=" + client.session.id() + " addr=127.0.0.1:")
                .contains(" name=sentinel-4c24202d-cmd ", " lib-name=Lettuce ", " cmd=client|list ", " resp=2")
                .endsWith("\n");
        assertThat(client.run("CLIENT", "bogus")).isEqualTo(err("ERR unknown subcommand 'bogus'. Try CLIENT HELP."));
        assertThat(client.run("CLIENT")).isEqualTo(err("ERR wrong number of arguments for 'client' command"));
    }

    @Test
    void clientKillClosesMatchingConnections() {
        CommandHarness.Client victim = harness.client();
        assertThat(client.run("CLIENT", "KILL", victim.session.address())).isEqualTo(Reply.OK);
        assertThat(victim.closed).isTrue();
        assertThat(client.run("CLIENT", "KILL", "1.2.3.4:5")).isEqualTo(Reply.error(RespError.NO_SUCH_CLIENT));
        CommandHarness.Client other = harness.client();
        assertThat(client.run("CLIENT", "KILL", "ID", Long.toString(other.session.id())))
                .isEqualTo(Reply.ONE);
        assertThat(other.closed).isTrue();
        assertThat(client.run("CLIENT", "KILL", "ID", Long.toString(client.session.id()), "SKIPME", "no"))
                .isEqualTo(new Reply.Close(Reply.ONE));
    }

    @Test
    void subscribeConfirmsEachChannelAndRestrictsResp2Context() {
        assertThat(client.wire("SUBSCRIBE", "+switch-master", "+sdown"))
                .isEqualTo("*3\r\n$9\r\nsubscribe\r\n$14\r\n+switch-master\r\n:1\r\n"
                        + "*3\r\n$9\r\nsubscribe\r\n$6\r\n+sdown\r\n:2\r\n");
        assertThat(client.run("ROLE"))
                .isEqualTo(err("ERR Can't execute 'role': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / "
                        + "RESET are allowed in this context"));
        assertThat(client.wire("PING")).isEqualTo("*2\r\n$4\r\npong\r\n$0\r\n\r\n");
        assertThat(client.run("HELLO", "3"))
                .as("Redis 7.0 refuses HELLO in RESP2 subscribed mode")
                .isEqualTo(err("ERR Can't execute 'hello': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / "
                        + "RESET are allowed in this context"));
        assertThat(client.wire("PSUBSCRIBE", "*")).isEqualTo("*3\r\n$10\r\npsubscribe\r\n$1\r\n*\r\n:3\r\n");
        assertThat(client.wire("UNSUBSCRIBE"))
                .isEqualTo("*3\r\n$11\r\nunsubscribe\r\n$14\r\n+switch-master\r\n:2\r\n"
                        + "*3\r\n$11\r\nunsubscribe\r\n$6\r\n+sdown\r\n:1\r\n");
        assertThat(client.wire("PUNSUBSCRIBE")).isEqualTo("*3\r\n$12\r\npunsubscribe\r\n$1\r\n*\r\n:0\r\n");
        assertThat(client.wire("UNSUBSCRIBE")).isEqualTo("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n");
        assertThat(client.run("ROLE")).isInstanceOf(Reply.Array.class);
    }

    @Test
    void resp3SubscribersGetPushesAndMayRunAnyCommand() {
        client.run("HELLO", "3");
        assertThat(client.wire("SUBSCRIBE", "a")).isEqualTo(">3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n");
        assertThat(client.wire("PING")).isEqualTo("+PONG\r\n");
        assertThat(client.run("ROLE")).isInstanceOf(Reply.Array.class);
    }

    @Test
    void publishedEventsReachChannelAndPatternSubscribers() {
        CommandHarness.Client jedis = harness.client();
        CommandHarness.Client lettuce = harness.client();
        jedis.run("SUBSCRIBE", "+switch-master");
        lettuce.run("PSUBSCRIBE", "*");

        int receivers = harness.hub.publish("+switch-master", "mymaster 127.0.0.1 6379 127.0.0.1 6380");
        harness.hub.publish("+sdown", "master mymaster 127.0.0.1 6379");

        assertThat(receivers).isEqualTo(2);
        assertThat(jedis.pushes)
                .containsExactly(new Reply.Push(List.of(
                        Reply.bulk("message"),
                        Reply.bulk("+switch-master"),
                        Reply.bulk("mymaster 127.0.0.1 6379 127.0.0.1 6380"))));
        assertThat(lettuce.pushes).hasSize(2);
        assertThat(CommandHarness.wire(lettuce.pushes.get(1), RespVersion.RESP2))
                .isEqualTo(
                        "*4\r\n$8\r\npmessage\r\n$1\r\n*\r\n$6\r\n+sdown\r\n$30\r\nmaster mymaster 127.0.0.1 6379\r\n");
    }

    @Test
    void publishAcceptsOnlyHelloMessages() {
        String hello = "127.0.0.1,26380," + "a".repeat(40) + ",0,mymaster,127.0.0.1,6379,0";
        assertThat(client.run("PUBLISH", "__sentinel__:hello", hello)).isEqualTo(Reply.ONE);
        assertThat(harness.service.hellos()).containsExactly(hello);
        assertThat(client.run("PUBLISH", "foo", "bar"))
                .isEqualTo(err("ERR Only HELLO messages are accepted by Sentinel instances."));
    }

    @Test
    void infoHasSentinelSection() {
        String all = ((Reply.Bulk) client.run("INFO")).text();
        assertThat(all)
                .startsWith("# Server\r\n")
                .contains(
                        "redis_mode:sentinel\r\n",
                        "\r\n\r\n# Clients\r\n",
                        "\r\n\r\n# Stats\r\n",
                        "tcp_port:26379\r\n",
                        "uptime_in_seconds:90\r\n");
        harness.service.markDown("other", true);
        assertThat(((Reply.Bulk) client.run("INFO", "sentinel")).text())
                .isEqualTo("# Sentinel\r\nsentinel_masters:2\r\nsentinel_tilt:0\r\nsentinel_tilt_since_seconds:-1\r\n"
                        + "sentinel_running_scripts:0\r\nsentinel_scripts_queue_length:0\r\n"
                        + "sentinel_simulate_failure_flags:0\r\n"
                        + "master0:name=mymaster,status=ok,address=127.0.0.1:6379,slaves=0,sentinels=1\r\n"
                        + "master1:name=other,status=odown,address=127.0.0.1:6390,slaves=0,sentinels=1\r\n");
        assertThat(client.run("INFO", "nothing")).isEqualTo(Reply.bulk(""));
        assertThat(client.run("INFO", "a", "b")).isEqualTo(Reply.bulk(""));
        assertThat(((Reply.Bulk) client.run("INFO", "SENTINEL", "server")).text())
                .startsWith("# Server\r\n")
                .contains("\r\n\r\n# Sentinel\r\n")
                .doesNotContain("# Clients");
    }

    @Test
    void shutdownReportsAFailureToStop() {
        assertThat(client.run("SHUTDOWN", "NOSAVE")).isEqualTo(err("ERR Errors trying to SHUTDOWN. Check logs."));
        assertThat(harness.service.shutdowns()).isEqualTo(1);
        assertThat(client.run("SHUTDOWN", "bogus")).isEqualTo(Reply.error(RespError.SYNTAX));
    }

    @Test
    void quitClosesAfterOk() {
        assertThat(client.run("QUIT")).isEqualTo(new Reply.Close(Reply.OK));
    }

    @Test
    void commandIntrospectionDescribesTheTable() {
        assertThat(client.run("COMMAND", "COUNT"))
                .isEqualTo(Reply.integer(harness.table.all().size()));
        Reply.Array info = (Reply.Array) client.run("COMMAND", "INFO", "sentinel|master", "get");
        assertThat(info.items().get(0)).isInstanceOf(Reply.Array.class);
        assertThat(((Reply.Array) info.items().get(0)).items().subList(0, 2))
                .containsExactly(Reply.bulk("sentinel|master"), Reply.integer(3));
        assertThat(info.items().get(1)).isEqualTo(Reply.NULL_ARRAY);
        Reply.MapReply docs = (Reply.MapReply) client.run("COMMAND", "DOCS", "ping");
        assertThat(docs.keys()).containsExactly("ping");
        assertThat(((Reply.Array) client.run("COMMAND", "LIST")).items())
                .contains(Reply.bulk("sentinel|is-master-down-by-addr"));
        assertThat(client.run("ACL", "WHOAMI")).isEqualTo(Reply.bulk("default"));
        assertThat(client.run("ACL", "LIST"))
                .isEqualTo(err("ERR ACL LIST is not supported yet by this server (the sentinel port has one user, "
                        + "default, set by requirepass)"));
        assertThat(client.run("ACL", "bogus")).isEqualTo(err("ERR unknown subcommand 'bogus'. Try ACL HELP."));
        assertThat(client.run("CLIENT", "PAUSE", "100")).isInstanceOf(Reply.Error.class);
    }
}
