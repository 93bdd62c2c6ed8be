package io.vigil.election;

import java.util.List;

/**
 * Read model of a whole node at one instant, for INFO sentinel and the REST API.
 *
 * @param now node clock when taken
 * @param myId run id
 * @param currentEpoch current epoch
 * @param tilt in TILT
 * @param tiltSince last clock anomaly, or -1
 * @param masters monitored masters
 */
public record NodeSnapshot(
        long now, String myId, long currentEpoch, boolean tilt, long tiltSince, List<MasterView> masters) {}
