package io.vigil.store.command;

import io.netty.buffer.ByteBuf;
import io.vigil.resp.RespError;
import io.vigil.resp.RespVersion;
import io.vigil.resp.RespWriter;
import java.util.function.Supplier;

/**
 * Writes one client's replies straight into its outbound buffer, in the client's protocol version. Nothing is
 * flushed here: the connection flushes once per batch of requests read.
 *
 * <p>Aggregates are a header then the elements: {@code reply.array(2); reply.bulk(a); reply.bulk(b);}. Use {@link
 * #map} for field/value replies (RESP3 map, RESP2 flat array) and {@link #nil()} for "no value" (RESP2 {@code $-1},
 * RESP3 {@code _}).
 */
public final class Reply {

    private final Supplier<ByteBuf> buffer;
    private RespVersion version = RespVersion.RESP2;

    /** Replies into the buffer the supplier returns (allocated lazily by the connection). */
    public Reply(Supplier<ByteBuf> buffer) {
        this.buffer = buffer;
    }

    /** The protocol version replies are written in. */
    public RespVersion version() {
        return version;
    }

    /** Switches the protocol version (HELLO, RESET). */
    public void version(RespVersion version) {
        this.version = version;
    }

    /** The raw buffer, for writers in {@code io.vigil.resp} that take one. */
    public ByteBuf buffer() {
        return buffer.get();
    }

    /** {@code +OK}. */
    public void ok() {
        RespWriter.ok(buffer.get());
    }

    /** A simple string. */
    public void simple(String text) {
        RespWriter.simple(buffer.get(), text);
    }

    /** An error from the catalog. */
    public void error(RespError error) {
        RespWriter.error(buffer.get(), error);
    }

    /** An integer. */
    public void integer(long value) {
        RespWriter.integer(buffer.get(), value);
    }

    /** A bulk string, or nil when {@code value} is null. */
    public void bulk(byte[] value) {
        RespWriter.bulk(buffer.get(), version, value);
    }

    /** A bulk string of {@code length} bytes of {@code value} from {@code offset}. */
    public void bulk(byte[] value, int offset, int length) {
        RespWriter.bulk(buffer.get(), value, offset, length);
    }

    /** A bulk string of Latin-1 text, or nil when {@code text} is null. */
    public void bulk(String text) {
        RespWriter.bulk(buffer.get(), version, text);
    }

    /** A bulk string of a number's decimal digits. */
    public void bulkDecimal(long value) {
        RespWriter.bulkDecimal(buffer.get(), value);
    }

    /** A null bulk ({@code $-1} / {@code _}). */
    public void nil() {
        RespWriter.nullValue(buffer.get(), version);
    }

    /** A null array ({@code *-1} / {@code _}). */
    public void nilArray() {
        RespWriter.nullArray(buffer.get(), version);
    }

    /** An array header. */
    public void array(int count) {
        RespWriter.arrayHeader(buffer.get(), count);
    }

    /** A map header for {@code pairs} key/value pairs. */
    public void map(int pairs) {
        RespWriter.mapHeader(buffer.get(), version, pairs);
    }

    /** A set header. */
    public void set(int count) {
        RespWriter.setHeader(buffer.get(), version, count);
    }

    /** A push header (pub/sub messages). */
    public void push(int count) {
        RespWriter.pushHeader(buffer.get(), version, count);
    }

    /** A double ({@code %.17g}). */
    public void doubleValue(double value) {
        RespWriter.doubleValue(buffer.get(), version, value);
    }

    /** A boolean. */
    public void bool(boolean value) {
        RespWriter.bool(buffer.get(), version, value);
    }

    /** A verbatim text string ({@code txt}), as {@code INFO} replies in RESP3. */
    public void verbatim(String text) {
        RespWriter.verbatim(buffer.get(), version, "txt", text);
    }
}
