/**
 * What the sentinel's RESP port shows and asks: the {@link io.vigil.api.sentinel.SentinelService} the {@code vigil}
 * process implements by adapting the election core, and the plain read-model records it returns
 * ({@link io.vigil.api.sentinel.MasterView}, {@link io.vigil.api.sentinel.ReplicaView},
 * {@link io.vigil.api.sentinel.SentinelPeerView}, ...). Nothing here does I/O.
 */
package io.vigil.api.sentinel;
