package io.vigil.election;

/** Classification of a reply to {@code PING}: only PONG, -LOADING and -MASTERDOWN prove the instance alive. */
public enum PingReply {
    /** PONG, -LOADING or -MASTERDOWN: the instance is alive. */
    VALID,
    /** Any other reply (for example -BUSY or a protocol error): the instance answered, but does not count as up. */
    INVALID;

    /**
     * Classifies a raw reply as seen on the wire, with or without the leading {@code +}/{@code -} marker.
     *
     * @param reply the reply text, for example {@code "PONG"} or {@code "-LOADING Redis is loading"}
     * @return VALID for PONG, LOADING and MASTERDOWN, INVALID otherwise (including null)
     */
    public static PingReply classify(String reply) {
        if (reply == null) {
            return INVALID;
        }
        String text = reply.startsWith("+") || reply.startsWith("-") ? reply.substring(1) : reply;
        if (text.equals("PONG") || text.startsWith("LOADING") || text.startsWith("MASTERDOWN")) {
            return VALID;
        }
        return INVALID;
    }
}
