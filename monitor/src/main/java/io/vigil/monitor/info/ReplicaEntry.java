package io.vigil.monitor.info;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@code slaveN:ip=..,port=..,state=..,offset=..,lag=..} line of a master's INFO.
 *
 * <p>Old servers omit {@code lag} (and the oldest use the positional form {@code ip,port,state}); missing values
 * are empty rather than zero. Fields this class does not name are kept in {@link #extra()}.
 *
 * @param index the {@code N} of {@code slaveN}
 * @param ip the replica's address as the master sees it (IPv4, IPv6 or an announced hostname)
 * @param port the replica's listening port
 * @param state e.g. {@code online}, {@code wait_bgsave}, {@code send_bulk}; empty when not reported
 * @param offset the replication offset the replica acknowledged
 * @param lag seconds since the replica's last acknowledgement
 * @param extra any other {@code key=value} pairs on the line, in order
 */
public record ReplicaEntry(
        int index,
        String ip,
        int port,
        Optional<String> state,
        OptionalLong offset,
        OptionalLong lag,
        Map<String, String> extra) {

    /** Checks the components and freezes {@code extra}. */
    public ReplicaEntry {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(lag, "lag");
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }
}
