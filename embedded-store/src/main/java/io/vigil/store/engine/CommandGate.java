package io.vigil.store.engine;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandSpec;

/**
 * A last check before a command runs or is queued, after the dispatcher's own (arity, auth, MULTI rules): the
 * replication layer refuses writes on a read-only replica ({@code READONLY}), without enough good replicas ({@code
 * NOREPLICAS}) or on a fenced primary. Called on the command thread.
 */
@FunctionalInterface
public interface CommandGate {

    /**
     * The error refusing {@code spec} from {@code client}, {@code null} to let it through, or {@link #HELD} when
     * the gate has taken the command ({@code args}) and blocked the client to run it later (writes paused by
     * {@code FAILOVER}). {@code args} is null for a write issued by a script, which cannot be held.
     */
    RespError check(Client client, CommandSpec spec, byte[][] args);

    /** The command was held: no reply now. Never sent to a client. */
    RespError HELD = RespError.of("ERR command held by the gate");

    /** Lets everything through. */
    CommandGate OPEN = (client, spec, args) -> null;
}
