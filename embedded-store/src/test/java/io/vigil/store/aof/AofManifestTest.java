package io.vigil.store.aof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AofManifestTest {

    @Test
    void parsesWhatRedisWritesAndWritesItBackTheSame() {
        String redis = "file appendonly.aof.3.base.rdb seq 3 type b\n"
                + "file appendonly.aof.2.incr.aof seq 2 type h\n"
                + "file appendonly.aof.4.incr.aof seq 4 type i\n"
                + "file appendonly.aof.5.incr.aof seq 5 type i\n";
        AofManifest m = AofManifest.parse(redis);
        assertThat(m.base()).isEqualTo(new AofManifest.Part("appendonly.aof.3.base.rdb", 3, AofManifest.Type.BASE));
        assertThat(m.base().rdb()).isTrue();
        assertThat(m.history()).extracting(AofManifest.Part::name).containsExactly("appendonly.aof.2.incr.aof");
        assertThat(m.incrs()).extracting(AofManifest.Part::seq).containsExactly(4L, 5L);
        assertThat(m.lastIncrSeq()).isEqualTo(5);
        assertThat(m.baseSeq()).isEqualTo(3);
        assertThat(m.format()).isEqualTo(redis);
    }

    @Test
    void skipsCommentsAndBlankLinesAndUnknownKeysAndReadsQuotedNames() {
        AofManifest m = AofManifest.parse("# comment\n\nfile \"my file.aof\" seq 1 type i future x\n");
        assertThat(m.base()).isNull();
        assertThat(m.incrs()).containsExactly(new AofManifest.Part("my file.aof", 1, AofManifest.Type.INCR));
        assertThat(m.format()).isEqualTo("file \"my file.aof\" seq 1 type i\n");
    }

    @Test
    void anEmptyManifestHasNoFiles() {
        assertThat(AofManifest.parse("")).isEqualTo(AofManifest.empty());
        assertThat(AofManifest.empty().format()).isEmpty();
        assertThat(new AofManifest(null, List.of(), List.of()).lastIncrSeq()).isZero();
    }

    @Test
    void badLinesAreRefusedNamingTheLine() {
        assertThatThrownBy(() -> AofManifest.parse("file a seq 1 type b\nfile b seq 2 type b\n"))
                .hasMessage("Invalid AOF manifest line 2: found duplicate base file information");
        assertThatThrownBy(() -> AofManifest.parse("file a seq 2 type i\nfile b seq 1 type i\n"))
                .hasMessage("Invalid AOF manifest line 2: found a non-monotonic sequence number 1");
        assertThatThrownBy(() -> AofManifest.parse("file a seq x type i\n"))
                .hasMessage("Invalid AOF manifest line 1: seq 'x' is not a number");
        assertThatThrownBy(() -> AofManifest.parse("file a seq 1 type z\n"))
                .hasMessage("Invalid AOF manifest line 1: unknown AOF file type 'z'");
        assertThatThrownBy(() -> AofManifest.parse("file a seq 1\n"))
                .hasMessage("Invalid AOF manifest line 1: a line needs file, seq and type");
        assertThatThrownBy(() -> AofManifest.parse("file a seq 1 type\n"))
                .hasMessage("Invalid AOF manifest line 1: the number of key/value words is odd");
        assertThatThrownBy(() -> AofManifest.parse("file ../etc/passwd seq 1 type b\n"))
                .hasMessage("Invalid AOF manifest line 1: file name '../etc/passwd' must not be a path");
        assertThatThrownBy(() -> AofManifest.parse("file \"a seq 1 type b\n"))
                .hasMessage("Invalid AOF manifest line 1: unbalanced quotes");
    }
}
