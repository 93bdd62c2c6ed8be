package io.vigil.monitor;

/** Reads the code ({@code LOADING}, {@code BUSY}, {@code ERR}, ...) at the start of a server error reply. */
final class ServerError {

    private ServerError() {}

    /** The first word of an error reply, without a leading {@code -}; empty for an empty message. */
    static String code(String message) {
        if (message == null) {
            return "";
        }
        String text = message.startsWith("-") ? message.substring(1) : message;
        int space = text.indexOf(' ');
        return space < 0 ? text : text.substring(0, space);
    }
}
