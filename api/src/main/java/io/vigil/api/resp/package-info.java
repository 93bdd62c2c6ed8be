/**
 * The sentinel's RESP port: {@link io.vigil.api.resp.SentinelRespServer} (start/stop), its {@link
 * io.vigil.api.resp.SentinelRespOptions}, and the {@link io.vigil.api.resp.EventPublisher} through which the process
 * publishes events to subscribed clients.
 */
package io.vigil.api.resp;
