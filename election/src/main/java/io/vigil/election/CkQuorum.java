package io.vigil.election;

/**
 * Answer of {@code SENTINEL CKQUORUM}.
 *
 * @param ok quorum and majority are reachable
 * @param usable usable sentinels (self included)
 * @param message {@code N usable Sentinels. ...} without the {@code +OK}/{@code -NOQUORUM} prefix
 */
public record CkQuorum(boolean ok, int usable, String message) {}
