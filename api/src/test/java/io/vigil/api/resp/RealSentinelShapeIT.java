package io.vigil.api.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.resp.RespValue;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RedisProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Side by side with a real redis-sentinel 7.0.15: the same requests must give replies of the same shape (field names
 * in the same order, same value types, same error texts).
 */
@ExtendWith(NoProcessLeftBehind.class)
class RealSentinelShapeIT {

    private static RedisProcess master;
    private static RedisProcess replica;
    private static RedisProcess sentinelA;
    private static RedisProcess sentinelB;
    private static PortFixture vigil;

    @BeforeAll
    static void startFleet() throws Exception {
        master = RedisProcess.server().start();
        replica = RedisProcess.server().replicaOf(master).start();
        String monitor = "sentinel monitor mymaster 127.0.0.1 " + master.port() + " 2";
        sentinelA = RedisProcess.sentinel()
                .config(monitor, "sentinel down-after-milliseconds mymaster 5000")
                .start();
        sentinelB = RedisProcess.sentinel()
                .config(monitor, "sentinel down-after-milliseconds mymaster 5000")
                .start();
        vigil = new PortFixture();
        vigil.service.addMaster("mymaster", "127.0.0.1", master.port(), 2);
        vigil.service.addReplica("mymaster", "127.0.0.1", replica.port(), 1);
        vigil.service.addPeer("mymaster", "127.0.0.1", sentinelB.port(), "a".repeat(40), false);
        try (RespTestClient real = new RespTestClient(sentinelA.port())) {
            await("redis-sentinel to discover the replica and the other sentinel")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> rows(real.call("SENTINEL", "REPLICAS", "mymaster")) == 1
                            && rows(real.call("SENTINEL", "SENTINELS", "mymaster")) == 1);
        }
    }

    private static int rows(RespValue value) {
        return ((RespValue.Array) value).elements().size();
    }

    @AfterAll
    static void stopFleet() throws Exception {
        if (vigil != null) {
            vigil.close();
        }
        for (RedisProcess process : new RedisProcess[] {sentinelB, sentinelA, replica, master}) {
            if (process != null) {
                process.close();
            }
        }
    }

    private static void sameShape(String... request) throws Exception {
        try (RespTestClient real = new RespTestClient(sentinelA.port());
                RespTestClient ours = new RespTestClient(vigil.port())) {
            RespValue expected = real.call(request);
            RespValue actual = ours.call(request);
            assertThat(actual.getClass())
                    .as("reply type of %s", List.of(request))
                    .isEqualTo(expected.getClass());
            if (expected instanceof RespValue.Array rows
                    && !rows.elements().isEmpty()
                    && rows.elements().get(0) instanceof RespValue.Array) {
                RespValue expectedRow = rows.elements().get(0);
                RespValue actualRow = ((RespValue.Array) actual).elements().get(0);
                assertThat(RespTestClient.keys(actualRow))
                        .as("fields of %s", List.of(request))
                        .isEqualTo(RespTestClient.keys(expectedRow));
                assertThat(RespTestClient.valueTypes(actualRow)).isEqualTo(RespTestClient.valueTypes(expectedRow));
            } else if (expected instanceof RespValue.Array flat
                    && flat.elements().size() > 0
                    && flat.elements().get(0) instanceof RespValue.BulkString
                    && request.length > 1
                    && request[1].equalsIgnoreCase("master")) {
                assertThat(RespTestClient.keys(actual)).isEqualTo(RespTestClient.keys(expected));
                assertThat(RespTestClient.valueTypes(actual)).isEqualTo(RespTestClient.valueTypes(expected));
            } else if (expected instanceof RespValue.Array tuple) {
                List<RespValue> ourTuple = ((RespValue.Array) actual).elements();
                assertThat(ourTuple).hasSameSizeAs(tuple.elements());
                for (int i = 0; i < tuple.elements().size(); i++) {
                    assertThat(ourTuple.get(i).getClass())
                            .isEqualTo(tuple.elements().get(i).getClass());
                }
            } else if (expected instanceof RespValue.Error error) {
                assertThat(((RespValue.Error) actual).text()).isEqualTo(error.text());
            }
        }
    }

    @Test
    void masterFields() throws Exception {
        sameShape("SENTINEL", "MASTER", "mymaster");
        sameShape("SENTINEL", "MASTERS");
    }

    @Test
    void replicaAndSentinelFields() throws Exception {
        sameShape("SENTINEL", "REPLICAS", "mymaster");
        sameShape("SENTINEL", "SLAVES", "mymaster");
        sameShape("SENTINEL", "SENTINELS", "mymaster");
    }

    @Test
    void isMasterDownByAddrTypes() throws Exception {
        sameShape("SENTINEL", "IS-MASTER-DOWN-BY-ADDR", "127.0.0.1", Integer.toString(master.port()), "0", "*");
        sameShape("SENTINEL", "IS-MASTER-DOWN-BY-ADDR", "127.0.0.1", "1", "0", "*");
        sameShape("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "mymaster");
        sameShape("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "nope");
        sameShape("ROLE");
    }

    @Test
    void errorTexts() throws Exception {
        sameShape("SENTINEL", "MASTER", "nope");
        sameShape("SENTINEL", "REPLICAS", "nope");
        sameShape("SENTINEL", "bogus");
        sameShape("SENTINEL", "MASTER");
        sameShape("SENTINEL");
        sameShape("SENTINEL", "IS-MASTER-DOWN-BY-ADDR", "127.0.0.1", "xx", "0", "*");
        sameShape("SENTINEL", "SET", "mymaster", "bogus", "1");
        sameShape("SENTINEL", "SET", "mymaster", "quorum", "abc");
        sameShape("SENTINEL", "CONFIG", "SET", "foo", "bar");
        sameShape("SENTINEL", "MONITOR", "a", "127.0.0.1", "c", "2");
        sameShape("PUBLISH", "foo", "bar");
        sameShape("GET", "foo");
        sameShape("HELLO", "4");
        sameShape("CLIENT", "SETNAME", "has space");
        sameShape("SENTINEL", "SIMULATE-FAILURE", "bogus");
        sameShape("SENTINEL", "MONITOR", "a", "127.0.0.1", "99999", "2");
        sameShape("SENTINEL", "CONFIG", "foo");
        sameShape("SENTINEL", "DEBUG", "bogus", "1");
        sameShape("CLIENT", "bogus");
        sameShape("COMMAND", "bogus");
        sameShape("AUTH", "nopass-configured");
    }

    @Test
    void requirepassErrors() throws Exception {
        try (RedisProcess guarded = RedisProcess.sentinel()
                        .config("requirepass s3cret", "sentinel monitor mymaster 127.0.0.1 " + master.port() + " 2")
                        .start();
                PortFixture ours = new PortFixture(new SentinelRespOptions().requirePass("s3cret"));
                RespTestClient realClient = new RespTestClient(guarded.port());
                RespTestClient ourClient = new RespTestClient(ours.port())) {
            for (String[] request : new String[][] {
                {"PING"},
                {"SENTINEL", "MASTERS"},
                {"AUTH", "wrong"},
                {"AUTH", "someone", "s3cret"},
                {"SENTINEL", "bogus"}
            }) {
                RespValue expected = realClient.call(request);
                RespValue actual = ourClient.call(request);
                assertThat(actual).as("reply to %s", List.of(request)).isEqualTo(expected);
            }
            assertThat(ourClient.call("AUTH", "s3cret")).isEqualTo(realClient.call("AUTH", "s3cret"));
            assertThat(ourClient.call("PING")).isEqualTo(realClient.call("PING"));
        }
    }

    @Test
    void helloThreeAndConfigGetAreMaps() throws Exception {
        try (RespTestClient real = new RespTestClient(sentinelA.port());
                RespTestClient ours = new RespTestClient(vigil.port())) {
            RespValue realHello = real.call("HELLO", "3");
            RespValue ourHello = ours.call("HELLO", "3");
            assertThat(ourHello).isInstanceOf(RespValue.Map.class);
            assertThat(RespTestClient.keys(ourHello)).isEqualTo(RespTestClient.keys(realHello));
            RespValue realMaster = real.call("SENTINEL", "MASTER", "mymaster");
            RespValue ourMaster = ours.call("SENTINEL", "MASTER", "mymaster");
            assertThat(ourMaster).isInstanceOf(RespValue.Map.class);
            assertThat(RespTestClient.keys(ourMaster)).isEqualTo(RespTestClient.keys(realMaster));
            RespValue realConfig = real.call("SENTINEL", "CONFIG", "GET", "*");
            RespValue ourConfig = ours.call("SENTINEL", "CONFIG", "GET", "*");
            assertThat(RespTestClient.keys(ourConfig)).isEqualTo(RespTestClient.keys(realConfig));
            RespValue realDebug = real.call("SENTINEL", "DEBUG");
            RespValue ourDebug = ours.call("SENTINEL", "DEBUG");
            assertThat(RespTestClient.keys(ourDebug)).isEqualTo(RespTestClient.keys(realDebug));
            assertThat(RespTestClient.valueTypes(ourDebug)).isEqualTo(RespTestClient.valueTypes(realDebug));
        }
    }
}
