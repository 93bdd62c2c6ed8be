/**
 * The RESP port's implementation: request dispatch, reply building and the Vert.x connection handling. Not an API;
 * use {@link io.vigil.api.resp.SentinelRespServer}.
 */
package io.vigil.api.resp.impl;
