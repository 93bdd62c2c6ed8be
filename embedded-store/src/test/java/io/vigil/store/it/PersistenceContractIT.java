package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Persistence commands, directives and INFO fields answer as redis-server 7.0.15 does. */
class PersistenceContractIT extends ContractTestBase {

    private static final String[][] SCRIPT = {
        {"CONFIG", "GET", "save"},
        {"CONFIG", "GET", "rdbcompression"},
        {"CONFIG", "GET", "rdbchecksum"},
        {"CONFIG", "GET", "stop-writes-on-bgsave-error"},
        {"CONFIG", "GET", "dbfilename"},
        {"CONFIG", "SET", "save", "100"},
        {"CONFIG", "SET", "save", "x 1"},
        {"CONFIG", "SET", "rdbcompression", "maybe"},
        {"CONFIG", "SET", "save", "900 1 300 10"},
        {"CONFIG", "GET", "save"},
        {"CONFIG", "SET", "save", ""},
        {"BGSAVE", "NOW"},
        {"BGSAVE", "SCHEDULE", "x"},
        {"SAVE", "x"},
        {"MULTI"},
        {"SAVE"},
        {"DISCARD"},
        {"SHUTDOWN", "SAVE", "NOSAVE"},
        {"SHUTDOWN", "BOGUS"},
        {"LASTSAVE", "x"},
    };

    @Test
    void repliesMatchRedis() throws Exception {
        assertThat(mismatches(SCRIPT))
                .as("commands whose replies differ from Redis 7")
                .isEmpty();
    }

    @Test
    void infoPersistenceHasRedisFieldsInRedisOrder() {
        assertThat(persistenceFieldNames(store.port())).isEqualTo(persistenceFieldNames(redis.port()));
    }
}
