package io.vigil.monitor.info;

/** An INFO reply that breaks the format a sentinel relies on; the message names the line, field and value. */
public final class InfoParseException extends IllegalArgumentException {

    private final int line;

    /** Creates the exception for 1-based {@code line} of the reply. */
    public InfoParseException(int line, String message) {
        super("INFO line " + line + ": " + message);
        this.line = line;
    }

    /** The 1-based line of the INFO reply that could not be parsed. */
    public int line() {
        return line;
    }
}
