package io.vigil.store.script;

import io.vigil.resp.RespError;
import io.vigil.resp.RespValue;
import io.vigil.store.command.Reply;
import java.util.List;
import party.iroiro.luajava.Lua;

/**
 * The conversions of Redis's {@code script_lua.c}: a command's RESP2 reply to a Lua value ({@code redis.call}'s
 * result) and a script's returned Lua value to the client's reply.
 */
final class LuaReplies {

    private LuaReplies() {}

    /**
     * Pushes a RESP2 reply as Lua: integer to number, bulk to string, null bulk or array to {@code false}, status to
     * {@code {ok=...}}, error to {@code {err=...}}, array to a table of converted elements.
     */
    static void push(Lua lua, RespValue value) {
        if (value instanceof RespValue.Integer i) {
            lua.push(i.value());
        } else if (value instanceof RespValue.BulkString b) {
            LuaStack.pushBytes(lua, b.bytes());
        } else if (value instanceof RespValue.Null) {
            lua.push(false);
        } else if (value instanceof RespValue.SimpleString s) {
            lua.newTable();
            LuaStack.pushText(lua, s.text());
            lua.setField(-2, "ok");
        } else if (value instanceof RespValue.Error e) {
            pushError(lua, ScriptErrors.normalize("-" + e.text()));
        } else if (value instanceof RespValue.Array a) {
            pushArray(lua, a.elements());
        } else if (value instanceof RespValue.Map m) {
            pushArray(lua, m.flat());
        } else if (value instanceof RespValue.Set s) {
            pushArray(lua, s.elements());
        } else {
            throw new IllegalStateException("a command answered a script in RESP2 with " + value);
        }
    }

    /** Pushes {@code {err=text}}. */
    static void pushError(Lua lua, String text) {
        lua.newTable();
        LuaStack.pushText(lua, text);
        lua.setField(-2, "err");
    }

    private static void pushArray(Lua lua, List<RespValue> elements) {
        lua.createTable(elements.size(), 0);
        for (int i = 0; i < elements.size(); i++) {
            push(lua, elements.get(i));
            lua.rawSetI(-2, i + 1);
        }
    }

    /**
     * Writes the Lua value on top of the stack as the script's reply: string to bulk, number to integer
     * (truncated), {@code true} to 1, {@code false}/nil to null, {@code {err=}} to an error, {@code {ok=}} to a
     * status, any other table to an array up to its first nil.
     */
    static void write(Lua lua, Reply reply) {
        switch (lua.type(-1)) {
            case STRING -> reply.bulk(LuaStack.bytes(lua, -1));
            case NUMBER -> reply.integer((long) lua.toNumber(-1));
            case BOOLEAN -> {
                if (lua.toBoolean(-1)) {
                    reply.integer(1);
                } else {
                    reply.nil();
                }
            }
            case TABLE -> writeTable(lua, reply);
            default -> reply.nil();
        }
    }

    private static void writeTable(Lua lua, Reply reply) {
        String err = field(lua, "err");
        if (err != null) {
            reply.error(RespError.of(err));
            return;
        }
        String ok = field(lua, "ok");
        if (ok != null) {
            reply.simple(ok.replace('\r', ' ').replace('\n', ' '));
            return;
        }
        int count = 0;
        while (true) {
            lua.rawGetI(-1, count + 1);
            boolean end = lua.isNil(-1);
            lua.pop(1);
            if (end) {
                break;
            }
            count++;
        }
        reply.array(count);
        for (int i = 1; i <= count; i++) {
            lua.rawGetI(-1, i);
            write(lua, reply);
            lua.pop(1);
        }
    }

    /** The string field {@code name} of the table on top (raw access), or null when absent or not a string. */
    static String field(Lua lua, String name) {
        lua.push(name);
        lua.rawGet(-2);
        String value = lua.type(-1) == Lua.LuaType.STRING ? LuaStack.text(lua, -1) : null;
        lua.pop(1);
        return value;
    }
}
