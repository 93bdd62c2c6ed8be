package io.vigil.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes RESP2/RESP3 replies (the client side of the protocol) into {@link RespValue}s.
 *
 * <p>A table from the marker byte to its parser is built once. {@link #read} is a pure function of the buffer: it
 * returns the next complete value and consumes its bytes, or returns {@code null} and consumes nothing when the
 * value is not complete yet. RESP3 attributes ({@code |}) are read and dropped, as most clients do.
 */
public final class RespReader {

    @FunctionalInterface
    private interface Parser {
        RespValue parse(ByteBuf in) throws RespProtocolException;
    }

    private static final RespValue INCOMPLETE = new RespValue.Null('?');
    private static final Parser[] PARSERS = new Parser[256];

    static {
        PARSERS['+'] = in -> line(in, RespValue.SimpleString::new);
        PARSERS['-'] = in -> line(in, RespValue.Error::new);
        PARSERS[':'] = RespReader::integer;
        PARSERS['$'] = RespReader::bulk;
        PARSERS['*'] = in -> aggregate(in, '*');
        PARSERS['%'] = in -> aggregate(in, '%');
        PARSERS['~'] = in -> aggregate(in, '~');
        PARSERS['>'] = in -> aggregate(in, '>');
        PARSERS['|'] = RespReader::attribute;
        PARSERS['_'] = in -> line(in, text -> new RespValue.Null('_'));
        PARSERS[','] = in -> line(in, RespValue.Double::new);
        PARSERS['#'] = in -> line(in, text -> new RespValue.Boolean(text.equals("t")));
        PARSERS['('] = in -> line(in, RespValue.BigNumber::new);
        PARSERS['='] = RespReader::verbatim;
        PARSERS['!'] = RespReader::blobError;
    }

    private RespReader() {}

    /**
     * Reads the next value.
     *
     * @return the value, or {@code null} when the buffer does not hold a complete one (nothing is consumed then)
     * @throws RespProtocolException when the bytes are not RESP
     */
    public static RespValue read(ByteBuf in) throws RespProtocolException {
        int mark = in.readerIndex();
        RespValue value = next(in);
        if (value == INCOMPLETE) {
            in.readerIndex(mark);
            return null;
        }
        return value;
    }

    private static RespValue next(ByteBuf in) throws RespProtocolException {
        if (!in.isReadable()) {
            return INCOMPLETE;
        }
        int marker = in.getByte(in.readerIndex()) & 0xff;
        Parser parser = PARSERS[marker];
        if (parser == null) {
            throw new RespProtocolException("unknown reply type '" + (char) marker + "'");
        }
        return parser.parse(in);
    }

    private static String lineText(ByteBuf in) {
        int start = in.readerIndex() + 1;
        int cr = in.indexOf(start, in.writerIndex(), (byte) '\r');
        if (cr < 0 || cr + 1 >= in.writerIndex()) {
            return null;
        }
        String text = in.toString(start, cr - start, StandardCharsets.ISO_8859_1);
        in.readerIndex(cr + 2);
        return text;
    }

    private static RespValue line(ByteBuf in, java.util.function.Function<String, RespValue> make) {
        String text = lineText(in);
        return text == null ? INCOMPLETE : make.apply(text);
    }

    private static long number(String text) throws RespProtocolException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new RespProtocolException("invalid length or integer '" + text + "'");
        }
    }

    private static RespValue integer(ByteBuf in) throws RespProtocolException {
        String text = lineText(in);
        return text == null ? INCOMPLETE : new RespValue.Integer(number(text));
    }

    private static byte[] blob(ByteBuf in, long length) {
        if (in.readableBytes() < length + 2) {
            return null;
        }
        byte[] bytes = new byte[(int) length];
        in.readBytes(bytes);
        in.skipBytes(2);
        return bytes;
    }

    private static RespValue bulk(ByteBuf in) throws RespProtocolException {
        String text = lineText(in);
        if (text == null) {
            return INCOMPLETE;
        }
        long length = number(text);
        if (length < 0) {
            return new RespValue.Null('$');
        }
        byte[] bytes = blob(in, length);
        return bytes == null ? INCOMPLETE : new RespValue.BulkString(bytes);
    }

    private static RespValue verbatim(ByteBuf in) throws RespProtocolException {
        String text = lineText(in);
        if (text == null) {
            return INCOMPLETE;
        }
        byte[] bytes = blob(in, number(text));
        if (bytes == null) {
            return INCOMPLETE;
        }
        String body = new String(bytes, StandardCharsets.ISO_8859_1);
        if (body.length() < 4 || body.charAt(3) != ':') {
            throw new RespProtocolException("verbatim string without a format prefix");
        }
        return new RespValue.Verbatim(body.substring(0, 3), body.substring(4));
    }

    private static RespValue blobError(ByteBuf in) throws RespProtocolException {
        String text = lineText(in);
        if (text == null) {
            return INCOMPLETE;
        }
        byte[] bytes = blob(in, number(text));
        return bytes == null ? INCOMPLETE : new RespValue.Error(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private static RespValue aggregate(ByteBuf in, char marker) throws RespProtocolException {
        String text = lineText(in);
        if (text == null) {
            return INCOMPLETE;
        }
        long count = number(text);
        if (count < 0) {
            return new RespValue.Null('*');
        }
        long elements = marker == '%' ? count * 2 : count;
        List<RespValue> list = new ArrayList<>((int) Math.min(elements, 1024));
        for (long i = 0; i < elements; i++) {
            RespValue value = next(in);
            if (value == INCOMPLETE) {
                return INCOMPLETE;
            }
            list.add(value);
        }
        return switch (marker) {
            case '%' -> new RespValue.Map(list);
            case '~' -> new RespValue.Set(list);
            case '>' -> new RespValue.Push(list);
            default -> new RespValue.Array(list);
        };
    }

    private static RespValue attribute(ByteBuf in) throws RespProtocolException {
        RespValue attributes = aggregate(in, '%');
        if (attributes == INCOMPLETE) {
            return INCOMPLETE;
        }
        return next(in);
    }
}
