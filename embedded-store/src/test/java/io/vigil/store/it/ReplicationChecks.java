package io.vigil.store.it;

import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers shared by the replication ITs. */
final class ReplicationChecks {

    private ReplicationChecks() {}

    /** INFO text as field to value (section headers and blank lines skipped). */
    static Map<String, String> info(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (line.isEmpty() || line.startsWith("#") || colon < 0) {
                continue;
            }
            out.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return out;
    }

    /** A flat field/value reply (RESP2 map) as a map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> record(Object reply) {
        java.util.List<Object> flat = (java.util.List<Object>) reply;
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            out.put((String) flat.get(i), flat.get(i + 1));
        }
        return out;
    }
}
