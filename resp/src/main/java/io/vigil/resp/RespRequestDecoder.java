package io.vigil.resp;

import io.netty.buffer.ByteBuf;

/**
 * Turns request bytes into command arguments the way Redis's {@code processMultibulkBuffer} and {@code
 * processInlineBuffer} do: a request starting with {@code *} is a multibulk of bulk strings, anything else is one
 * inline line split like {@code sdssplitargs}.
 *
 * <p>One decoder belongs to one connection. {@link #decode} consumes what it can from the buffer and returns a
 * complete command, or {@code null} when more bytes are needed; a half frame is never an error. Progress through a
 * large multibulk is kept between calls, so no byte is parsed twice. Empty requests ({@code *0}, {@code *-1}, blank
 * inline lines) are skipped, as Redis skips them. Malformed input throws {@link RespProtocolException} carrying the
 * reply Redis sends before it closes the connection.
 *
 * <pre>{@code
 * byte[][] args;
 * while ((args = decoder.decode(in)) != null) {
 *     execute(args);
 * }
 * }</pre>
 */
public final class RespRequestDecoder {

    private static final int INITIAL_ARGS = 1024;
    private static final int UNAUTHENTICATED_MAX_ARGS = 10;
    private static final int UNAUTHENTICATED_MAX_BULK = 16384;

    private RespLimits limits;
    private boolean authenticated = true;
    private long remaining;
    private int bulkLength = -1;
    private byte[][] args;
    private int argc;

    /** A decoder with the given limits. */
    public RespRequestDecoder(RespLimits limits) {
        this.limits = limits;
    }

    /** Changes the limits (e.g. after {@code CONFIG SET proto-max-bulk-len}); applies to the next length read. */
    public void limits(RespLimits limits) {
        this.limits = limits;
    }

    /**
     * Whether the connection is authenticated. Unauthenticated connections may send at most 10 arguments of at most
     * 16 KB each, as in Redis, so a client without the password cannot make the server allocate much.
     */
    public void authenticated(boolean authenticated) {
        this.authenticated = authenticated;
    }

    /**
     * Splits one line into arguments the way Redis splits inline requests and {@code redis.conf} lines ({@code
     * sdssplitargs}): whitespace separates, double quotes allow escapes ({@code \n \r \t \b \a \xHH}), single
     * quotes allow {@code \'}.
     *
     * @return the arguments (empty for a blank line), or {@code null} when the quotes are unbalanced
     */
    public static byte[][] splitArgs(byte[] line) {
        return InlineRequest.split(line);
    }

    /** Whether a request has been started but not finished (bytes are buffered in the decoder's state). */
    public boolean inProgress() {
        return remaining > 0;
    }

    /**
     * Decodes the next command.
     *
     * @return the arguments of the next command (at least one), or {@code null} when the buffer holds no complete
     *     command yet; consumed bytes are removed from {@code in} by advancing its reader index
     * @throws RespProtocolException when the bytes cannot be a valid request
     */
    public byte[][] decode(ByteBuf in) throws RespProtocolException {
        while (true) {
            if (remaining == 0) {
                if (!in.isReadable()) {
                    return null;
                }
                if (in.getByte(in.readerIndex()) != '*') {
                    byte[][] inline = InlineRequest.read(in, limits.maxInlineLength());
                    if (inline == null || inline.length > 0) {
                        return inline;
                    }
                    continue;
                }
                long count = readLength(in, "too big mbulk count string");
                if (count == NEED_MORE) {
                    return null;
                }
                if (count == INVALID || count > limits.maxMultibulkLength()) {
                    throw new RespProtocolException("invalid multibulk length");
                }
                if (count > UNAUTHENTICATED_MAX_ARGS && !authenticated) {
                    throw new RespProtocolException("unauthenticated multibulk length");
                }
                if (count <= 0) {
                    continue;
                }
                remaining = count;
                args = new byte[(int) Math.min(count, INITIAL_ARGS)][];
                argc = 0;
            }
            if (!readArguments(in)) {
                return null;
            }
            byte[][] command = argc == args.length ? args : java.util.Arrays.copyOf(args, argc);
            args = null;
            argc = 0;
            return command;
        }
    }

    private boolean readArguments(ByteBuf in) throws RespProtocolException {
        while (remaining > 0) {
            if (bulkLength < 0) {
                if (!in.isReadable()) {
                    return false;
                }
                byte marker = in.getByte(in.readerIndex());
                if (marker != '$' && hasLine(in)) {
                    throw new RespProtocolException("expected '$', got '" + (char) (marker & 0xff) + "'");
                }
                long length = readLength(in, "too big bulk count string");
                if (length == NEED_MORE) {
                    return false;
                }
                if (length == INVALID || length < 0 || length > limits.maxBulkLength()) {
                    throw new RespProtocolException("invalid bulk length");
                }
                if (length > UNAUTHENTICATED_MAX_BULK && !authenticated) {
                    throw new RespProtocolException("unauthenticated bulk length");
                }
                bulkLength = (int) Math.min(length, Integer.MAX_VALUE - 8);
            }
            if (in.readableBytes() < (long) bulkLength + 2) {
                return false;
            }
            byte[] arg = new byte[bulkLength];
            in.readBytes(arg);
            in.skipBytes(2);
            if (argc == args.length) {
                args = java.util.Arrays.copyOf(args, (int) Math.min((long) args.length * 2, argc + remaining));
            }
            args[argc++] = arg;
            remaining--;
            bulkLength = -1;
        }
        return true;
    }

    private static final long NEED_MORE = Long.MIN_VALUE;
    private static final long INVALID = Long.MIN_VALUE + 1;

    private boolean hasLine(ByteBuf in) {
        int cr = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\r');
        return cr >= 0 && cr + 1 < in.writerIndex();
    }

    /**
     * Reads a {@code <marker><digits>\r\n} line as Redis does: up to the first CR, which must be followed by one
     * more byte. Returns {@link #NEED_MORE}, {@link #INVALID} or the number.
     */
    private long readLength(ByteBuf in, String tooBig) throws RespProtocolException {
        int start = in.readerIndex();
        int cr = in.indexOf(start, in.writerIndex(), (byte) '\r');
        if (cr < 0) {
            if (in.readableBytes() > limits.maxInlineLength()) {
                throw new RespProtocolException(tooBig);
            }
            return NEED_MORE;
        }
        if (cr + 1 >= in.writerIndex()) {
            return NEED_MORE;
        }
        long value = Ascii.parseLong(in, start + 1, cr);
        in.readerIndex(cr + 2);
        return value == Ascii.INVALID ? INVALID : value;
    }
}
