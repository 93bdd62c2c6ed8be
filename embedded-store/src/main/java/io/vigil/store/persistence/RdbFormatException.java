package io.vigil.store.persistence;

import java.io.IOException;

/** An RDB stream the store cannot load: corrupt, truncated, or holding data the store has no type for. */
public final class RdbFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An error with a message saying what was wrong and where. */
    public RdbFormatException(String message) {
        super(message);
    }

    /** An error caused by another. */
    public RdbFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
