package io.vigil.store.it;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command script against a real redis-server and the embedded store over raw RESP2 connections and reports
 * every command whose reply differs byte for byte. Each command family's {@code *ContractIT} passes its own script.
 */
final class ContractScript {

    private ContractScript() {}

    /** The commands whose replies differ, each with both replies, in script order (empty when all match). */
    static List<String> mismatches(int redisPort, int storePort, String[][] script) throws Exception {
        List<String> mismatches = new ArrayList<>();
        try (RawConnection real = new RawConnection(redisPort);
                RawConnection ours = new RawConnection(storePort)) {
            for (String[] command : script) {
                String expected = real.call(command);
                String actual = ours.call(command);
                if (!expected.equals(actual)) {
                    mismatches.add(String.join(" ", command) + "\n   redis: " + printable(expected) + "\n   vigil: "
                            + printable(actual));
                }
            }
        }
        return mismatches;
    }

    /** CR and LF made visible, for assertion messages. */
    static String printable(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
