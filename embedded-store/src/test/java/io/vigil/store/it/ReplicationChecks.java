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
}
