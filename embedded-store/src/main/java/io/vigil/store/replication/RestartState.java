package io.vigil.store.replication;

import java.util.Map;

/**
 * The replication state a dump carries in its AUX fields ({@code repl-id}, {@code repl-offset}, {@code
 * repl-stream-db}), read at start to resynchronize partially after a restart, as Redis 7.0's {@code
 * loadDataFromDisk} does: only when all three are present and valid.
 *
 * @param replId the 40-character replication ID
 * @param offset the replication offset the dump corresponds to
 * @param streamDb the database the stream is in at that offset
 */
record RestartState(String replId, long offset, int streamDb) {

    /** The state in {@code aux}, or {@code null} when a field is missing or invalid (the dump is then loaded alone). */
    static RestartState of(Map<String, String> aux) {
        String id = aux.get("repl-id");
        String offset = aux.get("repl-offset");
        String db = aux.get("repl-stream-db");
        if (id == null || id.length() != 40 || offset == null || db == null) {
            return null;
        }
        try {
            long o = Long.parseLong(offset);
            int d = Integer.parseInt(db);
            // Redis ignores a repl-stream-db of -1, written by older versions in a wrong way.
            return o < 0 || d < 0 ? null : new RestartState(id, o, d);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
