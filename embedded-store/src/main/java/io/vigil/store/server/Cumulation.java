package io.vigil.store.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;

/** The input cumulation both channel handlers keep: bytes received and not yet consumed by the engine. */
final class Cumulation {

    private Cumulation() {}

    /** Appends {@code in} to {@code cumulation} (either may become the result). */
    static ByteBuf add(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        return cumulation == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
    }

    /** After the engine read from it: releases a drained cumulation (returns null) or compacts a large one. */
    static ByteBuf trim(ByteBuf cumulation) {
        if (cumulation == null) {
            return null;
        }
        if (!cumulation.isReadable()) {
            cumulation.release();
            return null;
        }
        if (cumulation.readerIndex() > 64 * 1024) {
            cumulation.discardSomeReadBytes();
        }
        return cumulation;
    }
}
