package io.vigil.store.persistence;

import java.util.Map;

/**
 * What an {@link RdbReader} learned from a stream besides the keys.
 *
 * @param version the RDB format version in the header
 * @param aux the {@code AUX} fields in file order ({@code redis-ver}, {@code repl-id}, {@code repl-offset}, ...)
 * @param keysLoaded keys handed to the sink
 * @param keysExpired keys skipped because their TTL had passed (only when loading with {@code dropExpired})
 * @param bytesRead bytes consumed, checksum included
 */
public record RdbInfo(int version, Map<String, String> aux, long keysLoaded, long keysExpired, long bytesRead) {

    /** The {@code repl-id} aux field, or {@code null}. */
    public String replId() {
        return aux.get("repl-id");
    }

    /** The {@code repl-offset} aux field, or -1 when absent. */
    public long replOffset() {
        String v = aux.get("repl-offset");
        return v == null ? -1 : Long.parseLong(v);
    }
}
