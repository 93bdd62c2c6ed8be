package io.vigil.api.resp.impl;

import io.netty.buffer.ByteBuf;
import io.vigil.resp.RespVersion;
import io.vigil.resp.RespWriter;
import java.util.List;

/** Writes a {@link Reply} with the shared {@link RespWriter}, in the connection's RESP version. */
public final class ReplyEncoder {

    private ReplyEncoder() {}

    /**
     * Writes {@code reply}. Only complete replies can be written: {@link Reply.Deferred} and {@link Reply.Close} are
     * the connection's to unwrap.
     */
    public static void write(ByteBuf out, RespVersion version, Reply reply) {
        if (reply instanceof Reply.Simple simple) {
            RespWriter.simple(out, simple.text());
        } else if (reply instanceof Reply.Error error) {
            RespWriter.error(out, error.error());
        } else if (reply instanceof Reply.Int integer) {
            RespWriter.integer(out, integer.value());
        } else if (reply instanceof Reply.Bulk bulk) {
            RespWriter.bulk(out, version, bulk.text());
        } else if (reply instanceof Reply.NullArray) {
            RespWriter.nullArray(out, version);
        } else if (reply instanceof Reply.Array array) {
            RespWriter.arrayHeader(out, array.items().size());
            writeAll(out, version, array.items());
        } else if (reply instanceof Reply.MapReply map) {
            RespWriter.mapHeader(out, version, map.entries().size() / 2);
            writeAll(out, version, map.entries());
        } else if (reply instanceof Reply.Push push) {
            RespWriter.pushHeader(out, version, push.items().size());
            writeAll(out, version, push.items());
        } else if (reply instanceof Reply.Sequence sequence) {
            writeAll(out, version, sequence.replies());
        } else {
            throw new IllegalArgumentException("only complete replies can be written; the connection unwraps "
                    + reply.getClass().getSimpleName());
        }
    }

    private static void writeAll(ByteBuf out, RespVersion version, List<Reply> items) {
        for (Reply item : items) {
            write(out, version, item);
        }
    }
}
