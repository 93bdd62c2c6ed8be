package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DirectiveTableTest {

    record Replica(String host, int port) {}

    static final Setting<Integer> PORT = Setting.single("port", ValueTypes.port(), 6379, "TCP port");
    static final Setting<List<String>> BIND = Setting.list("bind", ValueTypes.host(), List.of("*"), "addresses");
    static final Setting<Boolean> APPENDONLY = Setting.single("appendonly", ValueTypes.yesNo(), false, "AOF");
    static final Setting<String> REQUIREPASS = Setting.single(
                    "requirepass", ValueTypes.string("a password"), null, "password")
            .secret();
    static final Setting<Replica> REPLICAOF = Setting.custom(
            "replicaof",
            2,
            2,
            "replicaof <host> <port>",
            (d, args) -> new Replica(
                    Setting.parseOne(d, ValueTypes.host(), args.get(0)),
                    Setting.parseOne(d, ValueTypes.port(), args.get(1))),
            null,
            "primary to follow");
    static final Setting<Long> SAVE = Setting.single("save", ValueTypes.longIn(0, 100, "seconds"), null, "snapshots")
            .repeatable();
    static final DirectiveTable TABLE =
            DirectiveTable.of("directive", PORT, BIND, APPENDONLY, REQUIREPASS, REPLICAOF, SAVE);

    private static Settings parse(String text) {
        return TABLE.parse(ConfigFile.parse("redis.conf", text).directives());
    }

    @Test
    void typedValuesDefaultsAndLastOneWins() {
        Settings settings =
                parse("port 7000\nbind 127.0.0.1 ::1\nport 7001\nappendonly YES\nreplicaof h.example 6380\n");
        assertThat(settings.get(PORT)).isEqualTo(7001);
        assertThat(settings.where(PORT).orElseThrow().line()).isEqualTo(3);
        assertThat(settings.get(BIND)).containsExactly("127.0.0.1", "::1");
        assertThat(settings.get(APPENDONLY)).isTrue();
        assertThat(settings.get(REPLICAOF)).isEqualTo(new Replica("h.example", 6380));
        assertThat(settings.find(REQUIREPASS)).isEmpty();
        assertThat(parse("").get(PORT)).isEqualTo(6379);
        assertThat(parse("").isSet(PORT)).isFalse();
    }

    @Test
    void repeatableSettingsKeepEveryOccurrence() {
        assertThat(parse("save 1\nsave 2\n").all(SAVE)).containsExactly(1L, 2L);
    }

    @Test
    void missingRequiredValueNamesTheUsage() {
        assertThatThrownBy(() -> parse("").get(REPLICAOF))
                .isInstanceOf(ConfigException.class)
                .hasMessage("missing directive 'replicaof' (usage: replicaof <host> <port>)");
    }

    @Test
    void invalidValuesNameFileLineDirectiveValueAndWhatIsValid() {
        assertThatThrownBy(() -> parse("\nport 70000\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("redis.conf:2: port 70000: '70000' is not a port (1..65535)");
        assertThatThrownBy(() -> parse("appendonly maybe"))
                .hasMessage("redis.conf:1: appendonly maybe: 'maybe' is not yes or no");
        assertThatThrownBy(() -> parse("replicaof 1.2.3.4 x"))
                .hasMessage("redis.conf:1: replicaof 1.2.3.4 x: 'x' is not a port (1..65535)");
        assertThatThrownBy(() -> parse("bind 127.0.0.1 300.1.1.1"))
                .hasMessage("redis.conf:1: bind 127.0.0.1 300.1.1.1: '300.1.1.1' is not an IPv4 or IPv6 address or a"
                        + " host name");
        assertThatThrownBy(() -> parse("save -1"))
                .hasMessage("redis.conf:1: save -1: '-1' is not an integer in 0..100 (seconds)");
    }

    @Test
    void wrongArgumentCountShowsTheUsage() {
        assertThatThrownBy(() -> parse("port"))
                .hasMessage("redis.conf:1: port: expected 1 argument, got 0 (usage: port <a port (1..65535)>)");
        assertThatThrownBy(() -> parse("replicaof 1.2.3.4"))
                .hasMessage("redis.conf:1: replicaof 1.2.3.4: expected 2 arguments, got 1 (usage: replicaof <host>"
                        + " <port>)");
        assertThatThrownBy(() -> parse("bind")).hasMessageContaining("expected at least 1, got 0");
    }

    @Test
    void secretValuesAreNotEchoed() {
        assertThatThrownBy(() -> parse("requirepass s3cret extra"))
                .hasMessage("redis.conf:1: requirepass (value hidden): expected 1 argument, got 2 (usage: requirepass"
                        + " <a password>)")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void unknownDirectivesNameTheLineAndSuggest() {
        assertThatThrownBy(() -> parse("prot 1"))
                .hasMessageStartingWith("redis.conf:1: prot 1: unknown directive 'prot' (did you mean 'port'?); known:"
                        + " port, bind");
        assertThatThrownBy(() -> parse("zzzzzzzzzzzz 1")).hasMessageNotContaining("did you mean");
    }

    @Test
    void duplicateNamesInATableAreRejected() {
        assertThatThrownBy(() -> DirectiveTable.of("directive", PORT, PORT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'port'");
    }
}
