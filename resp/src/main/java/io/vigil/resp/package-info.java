/**
 * RESP2/RESP3 codec shared by the embedded store and the sentinel's RESP port.
 *
 * <ul>
 *   <li>{@link io.vigil.resp.RespRequestDecoder}: server side, turns request bytes (multibulk or inline) into
 *       argument arrays, incrementally, with Redis's protocol limits and error texts.
 *   <li>{@link io.vigil.resp.RespReader}: client side, decodes any RESP2/RESP3 reply into a {@link
 *       io.vigil.resp.RespValue}.
 *   <li>{@link io.vigil.resp.RespWriter}: writes replies straight into a Netty {@code ByteBuf} for a given {@link
 *       io.vigil.resp.RespVersion}.
 *   <li>{@link io.vigil.resp.RespError}: the one catalog of error replies.
 * </ul>
 */
package io.vigil.resp;
