package io.vigil.store.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.engine.Harness;
import org.junit.jupiter.api.Test;

class ExpiryTest {

    private final Harness h = new Harness();
    private final Harness.Conn c = h.connect();

    @Test
    void lazyExpiryOnAccessPropagatesDel() {
        c.cmd("SET", "k", "v", "PX", "100");
        h.clock.advance(99);
        assertThat(c.cmd("GET", "k")).isEqualTo("$1\r\nv\r\n");
        h.clock.advance(1);
        assertThat(c.cmd("GET", "k")).isEqualTo("$-1\r\n");
        assertThat(h.propagated).last().isEqualTo("0:DEL k");
        assertThat(h.engine.stats().expiredKeys).isEqualTo(1);
    }

    @Test
    void activeCycleRemovesExpiredKeysWithoutAccess() {
        for (int i = 0; i < 500; i++) {
            c.cmd("SET", "k" + i, "v", "PX", "1000");
        }
        for (int i = 0; i < 100; i++) {
            c.cmd("SET", "p" + i, "v");
        }
        h.clock.advance(1000);
        for (int i = 0; i < 10 && h.engine.keyspace().db(0).size() > 100; i++) {
            h.engine.cron();
        }
        assertThat(h.engine.keyspace().db(0).size()).isEqualTo(100);
        assertThat(h.engine.keyspace().db(0).volatileCount()).isZero();
    }

    @Test
    void debugSetActiveExpireStopsTheCycle() {
        c.cmd("DEBUG", "SET-ACTIVE-EXPIRE", "0");
        c.cmd("SET", "k", "v", "PX", "10");
        h.clock.advance(20);
        h.engine.cron();
        assertThat(c.cmd("DBSIZE")).isEqualTo(":1\r\n");
        assertThat(c.cmd("EXISTS", "k")).isEqualTo(":0\r\n");
    }

    @Test
    void expireOptionsFollowRedis() {
        c.cmd("SET", "k", "v");
        assertThat(c.cmd("EXPIRE", "k", "100", "XX")).isEqualTo(":0\r\n");
        assertThat(c.cmd("EXPIRE", "k", "100", "NX")).isEqualTo(":1\r\n");
        assertThat(c.cmd("EXPIRE", "k", "50", "GT")).isEqualTo(":0\r\n");
        assertThat(c.cmd("EXPIRE", "k", "200", "GT")).isEqualTo(":1\r\n");
        assertThat(c.cmd("EXPIRE", "k", "300", "LT")).isEqualTo(":0\r\n");
        assertThat(c.cmd("EXPIRE", "k", "1", "NX", "XX"))
                .isEqualTo("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n");
        assertThat(c.cmd("EXPIRE", "k", "1", "GT", "LT"))
                .isEqualTo("-ERR GT and LT options at the same time are not compatible\r\n");
        assertThat(c.cmd("EXPIRE", "k", "1", "foo")).isEqualTo("-ERR Unsupported option foo\r\n");
        assertThat(c.cmd("EXPIRE", "k", "9223372036854775807"))
                .isEqualTo("-ERR invalid expire time in 'expire' command\r\n");
        assertThat(c.cmd("TTL", "k")).isEqualTo(":200\r\n");
        assertThat(c.cmd("EXPIRETIME", "k")).isEqualTo(":" + (h.clock.millis() / 1000 + 200) + "\r\n");
        assertThat(c.cmd("PERSIST", "k")).isEqualTo(":1\r\n");
        assertThat(c.cmd("PERSIST", "k")).isEqualTo(":0\r\n");
        assertThat(c.cmd("TTL", "nokey")).isEqualTo(":-2\r\n");
        assertThat(c.cmd("EXPIRE", "k", "-1")).isEqualTo(":1\r\n");
        assertThat(c.cmd("EXISTS", "k")).isEqualTo(":0\r\n");
        assertThat(h.propagated).contains("0:PEXPIREAT k " + (h.clock.millis() + 100_000), "0:DEL k");
    }

    @Test
    void ttlRoundsLikeRedis() {
        c.cmd("SET", "k", "v", "PX", "1499");
        assertThat(c.cmd("TTL", "k")).isEqualTo(":1\r\n");
        c.cmd("SET", "k", "v", "PX", "1500");
        assertThat(c.cmd("TTL", "k")).isEqualTo(":2\r\n");
    }
}
