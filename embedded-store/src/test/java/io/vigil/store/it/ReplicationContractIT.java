package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Replication commands on a master without replicas, against a real redis-server 7.0.15 byte for byte: argument
 * and state errors of FAILOVER, WAIT, REPLCONF and REPLICAOF, WAIT's immediate answers, and REPLICAOF NO ONE on a
 * master.
 */
class ReplicationContractIT extends ContractTestBase {

    private static final String[][] SCRIPT = {
        {"FAILOVER"},
        {"FAILOVER", "ABORT"},
        {"FAILOVER", "FORCE"},
        {"FAILOVER", "TIMEOUT", "0"},
        {"FAILOVER", "TIMEOUT", "-1"},
        {"FAILOVER", "TIMEOUT", "x"},
        {"FAILOVER", "TO", "127.0.0.1", "9"},
        {"FAILOVER", "TO", "127.0.0.1", "x"},
        {"FAILOVER", "TO", "127.0.0.1", "9", "FORCE", "TIMEOUT", "100"},
        {"FAILOVER", "BLAH"},
        {"FAILOVER", "ABORT", "TIMEOUT", "5"},
        {"WAIT", "0", "0"},
        {"WAIT", "1", "-1"},
        {"WAIT", "x", "0"},
        {"WAIT", "1"},
        {"WAIT", "1", "10"},
        {"REPLICAOF", "127.0.0.1", "x"},
        {"REPLICAOF", "127.0.0.1", "70000"},
        {"REPLICAOF", "NO", "ONE"},
        {"SLAVEOF", "no", "one"},
        {"REPLICAOF", "NO"},
        {"REPLCONF", "foo", "bar"},
        {"REPLCONF", "ACK"},
        {"REPLCONF", "listening-port", "1234"},
        {"REPLCONF", "listening-port", "x"},
        {"REPLCONF", "capa", "eof", "capa", "psync2"},
        {"ROLE", "x"},
        {"MULTI"},
        {"WAIT", "1", "100"},
        {"EXEC"},
    };

    @Test
    void repliesMatchRedisServer() throws Exception {
        assertThat(mismatches(SCRIPT)).isEmpty();
    }
}
