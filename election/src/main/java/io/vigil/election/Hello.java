package io.vigil.election;

import java.util.regex.Pattern;

/**
 * A hello message, published on {@code __sentinel__:hello} to every watched instance and sent to every known
 * sentinel: {@code ip,port,runid,current_epoch,master_name,master_ip,master_port,master_config_epoch}.
 *
 * @param ip the sender's announced ip
 * @param port the sender's announced port
 * @param runId the sender's id, 40 hex characters
 * @param currentEpoch the sender's current epoch
 * @param masterName the master the hello is about
 * @param masterIp the master's current ip, as the sender sees it
 * @param masterPort the master's current port
 * @param masterConfigEpoch the config epoch of that address
 */
public record Hello(
        String ip,
        int port,
        String runId,
        long currentEpoch,
        String masterName,
        String masterIp,
        int masterPort,
        long masterConfigEpoch) {

    private static final Pattern RUN_ID = Pattern.compile("[0-9a-fA-F]{40}");

    /** Checks every field, so a formatted hello always parses back. */
    public Hello {
        requireToken("ip", ip);
        requirePort("port", port);
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("hello runid must be 40 hex characters, was '" + runId + "'");
        }
        requireEpoch("current_epoch", currentEpoch);
        requireToken("master_name", masterName);
        requireToken("master_ip", masterIp);
        requirePort("master_port", masterPort);
        requireEpoch("master_config_epoch", masterConfigEpoch);
    }

    /**
     * Parses a hello payload.
     *
     * @param payload the message published on {@code __sentinel__:hello}
     * @return the hello
     * @throws IllegalArgumentException naming the field that is wrong and what is valid
     */
    public static Hello parse(String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("hello payload must not be null");
        }
        String[] t = payload.split(",", -1);
        if (t.length != 8) {
            throw new IllegalArgumentException(
                    "hello must have exactly 8 comma-separated fields, had " + t.length + ": '" + payload + "'");
        }
        return new Hello(
                t[0],
                parseInt("port", t[1]),
                t[2],
                parseLong("current_epoch", t[3]),
                t[4],
                t[5],
                parseInt("master_port", t[6]),
                parseLong("master_config_epoch", t[7]));
    }

    /** Returns the wire form, the inverse of {@link #parse(String)}. */
    public String format() {
        return ip + "," + port + "," + runId + "," + currentEpoch + "," + masterName + "," + masterIp + "," + masterPort
                + "," + masterConfigEpoch;
    }

    /** Returns the sender's address. */
    public Address sender() {
        return new Address(ip, port);
    }

    /** Returns the master address carried by this hello. */
    public Address masterAddress() {
        return new Address(masterIp, masterPort);
    }

    /**
     * Tells whether a string is a valid Sentinel run id (40 hex characters).
     *
     * @param runId candidate
     * @return true when valid
     */
    public static boolean isRunId(String runId) {
        return runId != null && RUN_ID.matcher(runId).matches();
    }

    private static void requireToken(String field, String value) {
        if (value == null || value.isEmpty() || value.contains(",") || value.contains(" ")) {
            throw new IllegalArgumentException(
                    "hello " + field + " must be non-empty without commas or spaces, was '" + value + "'");
        }
    }

    private static void requirePort(String field, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("hello " + field + " must be in 1..65535, was " + port);
        }
    }

    private static void requireEpoch(String field, long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("hello " + field + " must be >= 0, was " + epoch);
        }
    }

    private static int parseInt(String field, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hello " + field + " must be an integer, was '" + text + "'", e);
        }
    }

    private static long parseLong(String field, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hello " + field + " must be an integer, was '" + text + "'", e);
        }
    }
}
