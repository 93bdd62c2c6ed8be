package io.vigil.store.script;

import java.util.function.BiFunction;
import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.Lua;

/**
 * The {@code bit} library Redis bundles (LuaBitOp 1.0): 32-bit operations on Lua numbers, each result returned as a
 * signed 32-bit number. Numbers convert as LuaBitOp does (rounded to the nearest integer, then taken modulo
 * 2<sup>32</sup>).
 */
final class LuaBitLib {

    /** Raises a {@code luaL_error}-style message (with the caller's position). */
    interface Errors {
        int raise(Lua lua, String message);
    }

    private final Errors errors;

    LuaBitLib(Errors errors) {
        this.errors = errors;
    }

    /** Pushes the {@code bit} table. */
    void push(Lua lua) {
        lua.newTable();
        set(lua, "tobit", l -> unary(l, "tobit", x -> x));
        set(lua, "bnot", l -> unary(l, "bnot", x -> ~x));
        set(lua, "bswap", l -> unary(l, "bswap", Integer::reverseBytes));
        set(lua, "band", l -> fold(l, "band", (a, b) -> a & b));
        set(lua, "bor", l -> fold(l, "bor", (a, b) -> a | b));
        set(lua, "bxor", l -> fold(l, "bxor", (a, b) -> a ^ b));
        set(lua, "lshift", l -> shift(l, "lshift", (x, n) -> x << n));
        set(lua, "rshift", l -> shift(l, "rshift", (x, n) -> x >>> n));
        set(lua, "arshift", l -> shift(l, "arshift", (x, n) -> x >> n));
        set(lua, "rol", l -> shift(l, "rol", Integer::rotateLeft));
        set(lua, "ror", l -> shift(l, "ror", Integer::rotateRight));
        set(lua, "tohex", this::tohex);
    }

    private static void set(Lua lua, String name, JFunction f) {
        lua.push(f);
        lua.setField(-2, name);
    }

    /** LuaBitOp's {@code barg}: round to nearest, keep the low 32 bits. */
    static int toBit(double d) {
        double r = Math.rint(d);
        if (Math.abs(r) < 0x1p63) {
            return (int) (long) r;
        }
        return (int) (long) Math.IEEEremainder(r, 0x1p32);
    }

    private Integer arg(Lua l, int index, String function) {
        if (!l.isNumber(index)) {
            Lua.LuaType type = l.type(index);
            String got = type == null || type == Lua.LuaType.NONE
                    ? "no value"
                    : type.name().toLowerCase(java.util.Locale.ROOT);
            errors.raise(l, "bad argument #" + index + " to '" + function + "' (number expected, got " + got + ")");
            return null;
        }
        return toBit(l.toNumber(index));
    }

    private int result(Lua l, int value) {
        l.setTop(0);
        l.push((double) value);
        return 1;
    }

    private int unary(Lua l, String name, java.util.function.IntUnaryOperator op) {
        Integer x = arg(l, 1, name);
        return x == null ? -1 : result(l, op.applyAsInt(x));
    }

    private int fold(Lua l, String name, java.util.function.IntBinaryOperator op) {
        Integer acc = arg(l, 1, name);
        if (acc == null) {
            return -1;
        }
        int value = acc;
        for (int i = 2; i <= l.getTop(); i++) {
            Integer next = arg(l, i, name);
            if (next == null) {
                return -1;
            }
            value = op.applyAsInt(value, next);
        }
        return result(l, value);
    }

    private int shift(Lua l, String name, BiFunction<Integer, Integer, Integer> op) {
        Integer x = arg(l, 1, name);
        if (x == null) {
            return -1;
        }
        Integer n = arg(l, 2, name);
        if (n == null) {
            return -1;
        }
        return result(l, op.apply(x, n & 31));
    }

    private int tohex(Lua l) {
        Integer x = arg(l, 1, "tohex");
        if (x == null) {
            return -1;
        }
        int n = 8;
        if (!l.isNoneOrNil(2)) {
            Integer given = arg(l, 2, "tohex");
            if (given == null) {
                return -1;
            }
            n = given;
        }
        boolean upper = n < 0;
        if (upper) {
            n = -n;
        }
        if (n > 8) {
            n = 8;
        }
        String hex = String.format(upper ? "%08X" : "%08x", x);
        l.setTop(0);
        l.push(hex.substring(8 - n));
        return 1;
    }
}
