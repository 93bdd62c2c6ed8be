package io.vigil.api.resp.impl;

import io.vigil.api.resp.SentinelRespOptions;
import io.vigil.api.sentinel.SentinelService;
import java.time.Clock;
import java.util.function.IntSupplier;

/**
 * What commands see of the port: the service, subscriptions, clients, options and clock.
 *
 * @param service the sentinel
 * @param hub channel and pattern subscriptions
 * @param clients connected clients and counters
 * @param options the port's options
 * @param clock wall clock for uptime, client age and {@code server_time_usec}
 * @param startMillis when the port started
 * @param actualPort the port actually listened on (0 before listening)
 */
public record ServerContext(
        SentinelService service,
        PubSubHub hub,
        ClientRegistry clients,
        SentinelRespOptions options,
        Clock clock,
        long startMillis,
        IntSupplier actualPort) {}
