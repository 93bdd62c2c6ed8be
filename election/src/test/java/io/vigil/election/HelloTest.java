package io.vigil.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HelloTest {

    private static final String ID = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void formatsTheEightFieldsInOrderAndParsesThemBack() {
        Hello h = new Hello("10.0.0.1", 26379, ID, 7, "mymaster", "10.0.1.2", 6380, 5);
        assertThat(h.format()).isEqualTo("10.0.0.1,26379," + ID + ",7,mymaster,10.0.1.2,6380,5");
        assertThat(Hello.parse(h.format())).isEqualTo(h);
        assertThat(h.sender()).isEqualTo(new Address("10.0.0.1", 26379));
        assertThat(h.masterAddress()).isEqualTo(new Address("10.0.1.2", 6380));
    }

    @Test
    void rejectsAWrongFieldCount() {
        assertThatThrownBy(() -> Hello.parse("10.0.0.1,26379," + ID + ",7,mymaster,10.0.1.2,6380"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly 8")
                .hasMessageContaining("had 7");
        assertThatThrownBy(() -> Hello.parse("10.0.0.1,26379," + ID + ",7,mymaster,10.0.1.2,6380,5,extra"))
                .hasMessageContaining("had 9");
    }

    @Test
    void rejectsABadRunIdPortOrEpochNamingTheField() {
        assertThatThrownBy(() -> Hello.parse("10.0.0.1,26379,abc,7,mymaster,10.0.1.2,6380,5"))
                .hasMessageContaining("runid must be 40 hex");
        assertThatThrownBy(() -> Hello.parse("10.0.0.1,x," + ID + ",7,mymaster,10.0.1.2,6380,5"))
                .hasMessageContaining("port must be an integer");
        assertThatThrownBy(() -> Hello.parse("10.0.0.1,26379," + ID + ",7,mymaster,10.0.1.2,70000,5"))
                .hasMessageContaining("master_port must be in 1..65535");
        assertThatThrownBy(() -> Hello.parse("10.0.0.1,26379," + ID + ",-1,mymaster,10.0.1.2,6380,5"))
                .hasMessageContaining("current_epoch must be >= 0");
        assertThatThrownBy(() -> Hello.parse("10.0.0.1,26379," + ID + ",7,,10.0.1.2,6380,5"))
                .hasMessageContaining("master_name");
    }

    @Test
    void recognisesRunIds() {
        assertThat(Hello.isRunId(ID)).isTrue();
        assertThat(Hello.isRunId(ID.toUpperCase())).isTrue();
        assertThat(Hello.isRunId(ID.substring(1))).isFalse();
        assertThat(Hello.isRunId(ID.replace('a', 'g'))).isFalse();
        assertThat(Hello.isRunId(null)).isFalse();
    }
}
