/**
 * Adapters from the election core's read model ({@link io.vigil.election.NodeSnapshot}) to the RESP port's views, so
 * the sentinel process can answer {@link io.vigil.api.sentinel.SentinelService} reads straight from a snapshot.
 */
package io.vigil.api.election;
