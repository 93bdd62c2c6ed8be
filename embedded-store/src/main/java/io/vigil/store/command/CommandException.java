package io.vigil.store.command;

import io.vigil.resp.RespError;

/**
 * Thrown by a handler to answer with an error reply from the catalog; the dispatcher writes it. Carries no stack
 * trace: it is a reply, not a bug.
 */
public final class CommandException extends RuntimeException {

    private final transient RespError error;

    /** An error reply. */
    public CommandException(RespError error) {
        super(error.text(), null, false, false);
        this.error = error;
    }

    /** The reply. */
    public RespError error() {
        return error;
    }
}
