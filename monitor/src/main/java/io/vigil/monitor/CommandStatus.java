package io.vigil.monitor;

/** How a command the decision core asked for ended. Only {@link #OK} carries a value. */
public enum CommandStatus {
    /** The instance replied without error. */
    OK,
    /** The instance replied with an error (the result's {@code error} holds it, e.g. {@code NOTBUSY ...}). */
    ERROR_REPLY,
    /** No reply within the command timeout; the command still counts as pending until the link drops it. */
    TIMEOUT,
    /** The connection was lost before the reply came. */
    DISCONNECTED,
    /** Not sent: the link has no command connection (connecting, down or closed). */
    NOT_CONNECTED,
    /** Not sent: the link already has the maximum number of pending commands. */
    REJECTED;
}
