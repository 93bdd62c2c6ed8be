package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lua scripting replies match Redis 7.0 byte for byte: value conversions both ways, error texts with their
 * {@code script: <sha>, on @user_script:<line>.} suffix, {@code NOSCRIPT}, the {@code SCRIPT} subcommands and the
 * {@code numkeys} checks.
 */
@ExtendWith(NoProcessLeftBehind.class)
class ScriptContractIT {

    private static RedisProcess redis;
    private static EmbeddedStore store;

    @BeforeAll
    static void start() {
        redis = RedisProcess.server().start();
        store = StoreFixture.start();
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static final String UNLOCK =
            "if redis.call(\"get\",KEYS[1]) == ARGV[1] then return redis.call(\"del\",KEYS[1]) else return 0 end";

    private static final String[][] SCRIPT = {
        {"FLUSHALL"},
        {"SCRIPT", "FLUSH"},
        // numkeys
        {"EVAL", "return 1", "-1"},
        {"EVAL", "return 1", "2", "a"},
        {"EVAL", "return 1", "x"},
        {"EVAL", "return 1", "1"},
        {"EVAL", "return 1"},
        {"EVALSHA", "abc"},
        {"EVAL", "return 1", "0"},
        // Lua to RESP
        {"EVAL", "return 3.99", "0"},
        {"EVAL", "return -3.99", "0"},
        {"EVAL", "return 0.5", "0"},
        {"EVAL", "return 1e15", "0"},
        {"EVAL", "return true", "0"},
        {"EVAL", "return false", "0"},
        {"EVAL", "return nil", "0"},
        {"EVAL", "return", "0"},
        {"EVAL", "return 'hello'", "0"},
        {"EVAL", "return ''", "0"},
        {"EVAL", "return {}", "0"},
        {"EVAL", "return {1,2,3,nil,4}", "0"},
        {"EVAL", "return {1,{2,'x'},{ok='st'},{err='e1'},true,false,3.7}", "0"},
        {"EVAL", "return {ok='fine'}", "0"},
        {"EVAL", "return {err='MY custom'}", "0"},
        {"EVAL", "return {err='x'}", "0"},
        {"EVAL", "return {ok='a\\r\\nb'}", "0"},
        {"EVAL", "return {KEYS[1], KEYS[2], ARGV[1], ARGV[2], #KEYS, #ARGV}", "2", "k1", "k2", "a1", "a2"},
        {"EVAL", "return type(KEYS)", "0"},
        {"EVAL", "return 1, 2", "0"},
        {"EVAL", "return function() end", "0"},
        {"EVAL", "return redis.status_reply('FINE')", "0"},
        {"EVAL", "return redis.error_reply('FOO bar')", "0"},
        {"EVAL", "return redis.error_reply('foo bar')", "0"},
        {"EVAL", "return redis.error_reply('single')", "0"},
        {"EVAL", "return redis.error_reply('-CODE msg')", "0"},
        {"EVAL", "return redis.error_reply(5)", "0"},
        {"EVAL", "return redis.status_reply()", "0"},
        {"EVAL", "return redis.sha1hex('')", "0"},
        {"EVAL", "return redis.sha1hex('abc')", "0"},
        {"EVAL", "return redis.sha1hex()", "0"},
        // RESP to Lua
        {"SET", "s", "v"},
        {"EVAL", "return redis.call('get', KEYS[1])", "1", "s"},
        {"EVAL", "return redis.call('get', 'missing')", "0"},
        {"EVAL", "return type(redis.call('get', 'missing'))", "0"},
        {"EVAL", "return redis.call('set', 'k', 'v')", "0"},
        {"EVAL", "return redis.call('set', 'n', 10)", "0"},
        {"EVAL", "return redis.call('incrby', 'n', 5) * 2", "0"},
        {"EVAL", "return redis.call('set', 'f', 5.5)", "0"},
        {"GET", "f"},
        {"EVAL", "return redis.call('set', 'f', 0.1)", "0"},
        {"GET", "f"},
        {"EVAL", "return redis.call('set', 'f', 1e20)", "0"},
        {"GET", "f"},
        {"EVAL", "return redis.call('ping')", "0"},
        {"EVAL", "return redis.call('ping')['ok']", "0"},
        {"EVAL", "return redis.call('mget', 's', 'missing', 'k')", "0"},
        {"EVAL", "redis.call('set', 'k2', 'v2')", "0"},
        {"GET", "k2"},
        // errors
        {"EVAL", "return redis.call(\"nosuch\")", "0"},
        {"EVAL", "return redis.call(\"get\")", "0"},
        {"EVAL", "return redis.call(\"get\", \"a\", \"b\")", "0"},
        {"EVAL", "return redis.pcall(\"nosuch\")", "0"},
        {"EVAL", "return redis.call(\"subscribe\",\"x\")", "0"},
        {"EVAL", "return redis.call(\"eval\",\"return 1\", 0)", "0"},
        {"EVAL", "return redis.call(\"multi\")", "0"},
        {"EVAL", "return redis.call()", "0"},
        {"EVAL", "return redis.call('set', KEYS[1], {})", "1", "s"},
        {"EVAL", "return redis.call('incr', KEYS[1])", "1", "s"},
        {"EVAL", "return redis.pcall('incr', KEYS[1])", "1", "s"},
        {"EVAL", "local t = redis.pcall('incr', KEYS[1]); return t['err']", "1", "s"},
        {"EVAL", "\n\nreturn redis.call('incr', KEYS[1])", "1", "s"},
        {"EVAL", "a = 5", "0"},
        {"EVAL", "return a", "0"},
        {"EVAL", "return os", "0"},
        {"EVAL", "return io", "0"},
        {"EVAL", "return loadfile", "0"},
        {"EVAL", "error('boom')", "0"},
        {"EVAL", "error({err='MY custom'})", "0"},
        {"EVAL", "error({err='MY custom'}, 0)", "0"},
        {"EVAL", "local x = nil; return x.y", "0"},
        {"EVAL", "return 'a' .. nil", "0"},
        {"EVAL", "return syntax error here", "0"},
        {"EVAL", "return (", "0"},
        {"EVAL", "return redis.log(redis.LOG_WARNING, 'hello from a script')", "0"},
        {"EVAL", "return redis.log()", "0"},
        {"EVAL", "return redis.setresp(2)", "0"},
        {"EVAL", "return redis.setresp(4)", "0"},
        {"EVAL", "return redis.setresp()", "0"},
        {"EVAL", "return math.random(5, 1)", "0"},
        {"EVAL", "return math.random(1, 2, 3)", "0"},
        {"EVAL", "return math.random('x')", "0"},
        {"EVAL", "return math.randomseed()", "0"},
        {"EVAL", "local r = math.random(3) return r >= 1 and r <= 3", "0"},
        {"EVAL", "return type(redis.call)", "0"},
        {"EVAL", "return {pcall(redis.call, 'nosuch')}", "0"},
        {"EVAL", "local ok, e = pcall(redis.call, 'nosuch'); return e", "0"},
        {"EVAL", "local ok, e = pcall(error, 'x'); return e", "0"},
        {"EVAL", "return string.format('%d %s %5.2f', 3, 'x', 1.5)", "0"},
        {"EVAL", "return tostring(1e100)", "0"},
        {"EVAL", "return unpack({1,2})", "0"},
        {"EVAL", "return _G.x", "0"},
        {"EVAL", "_G.x = 1", "0"},
        {"EVAL", "rawset(_G, 'y', 1) return 1", "0"},
        {"EVAL", "local t = {} t.x = 1 return t.x", "0"},
        {"EVAL", "string.foo = 1 return 1", "0"},
        {"EVAL", "redis.call = 1 return 1", "0"},
        {"EVAL", "return redis.call('time')[1] > '0'", "0"},
        {"EVAL", "return print", "0"},
        {"EVAL", "return type(debug)", "0"},
        {"EVAL", "return type(loadstring)", "0"},
        {"EVAL", "return type(setfenv)", "0"},
        {"EVAL", "return type(getfenv)", "0"},
        {"EVAL", "return type(newproxy)", "0"},
        {"EVAL", "return type(__redis__err__handler)", "0"},
        {"EVAL", "return _VERSION", "0"},
        {"EVAL", "return redis.REDIS_VERSION_NUM", "0"},
        {"EVAL", "return redis.call('client', 'list')", "0"},
        {"EVAL", "return redis.call('select', 99)", "0"},
        {"EVAL", "while true do end", "x"},
        {"EVAL", "return redis.replicate_commands()", "0"},
        {"EVAL", "return redis.REPL_ALL", "0"},
        {"EVAL", "return redis.set_repl(redis.REPL_ALL)", "0"},
        {"EVAL", "return redis.set_repl()", "0"},
        {"EVAL", "return redis.set_repl(99)", "0"},
        {"EVAL", "local s = '' for i=0,255 do s = s .. string.char(i) end return redis.call('set', 'b', s)", "0"},
        {"GET", "b"},
        {"EVAL", "return #redis.call('get', 'b')", "0"},
        {"EVAL", "return redis.call('get', 'b') == ARGV[1]", "0", "x"},
        {"EVAL", "return bit.band(7, 3)", "0"},
        {"EVAL", "return {bit.tobit(0xffffffff), bit.tobit(2^40 + 5), bit.bnot(0), bit.bor(1, 2, 4, 8)}", "0"},
        {"EVAL", "return {bit.bxor(5, 3), bit.lshift(1, 31), bit.rshift(-1, 28), bit.arshift(-256, 4)}", "0"},
        {"EVAL", "return {bit.rol(0x12345678, 8), bit.ror(0x12345678, 8), bit.bswap(0x12345678)}", "0"},
        {"EVAL", "return {bit.tohex(255), bit.tohex(-1, -4), bit.tohex(0x1234, 2), bit.tohex(1, 20)}", "0"},
        {"EVAL", "return bit.band()", "0"},
        {"EVAL", "return bit.band(1, 'x')", "0"},
        {"EVAL", "bit.foo = 1", "0"},
        // read-only scripts and shebangs
        {"EVAL_RO", "return redis.call('set','x','1')", "0"},
        {"EVAL_RO", "return redis.call('get','x')", "0"},
        {"EVAL", "#!lua\nreturn redis.call('set','x','1')", "0"},
        {"EVAL", "#!lua flags=no-writes\nreturn redis.call('set','x','1')", "0"},
        {"EVAL", "#!lua flags=no-writes\nerror('e')", "0"},
        {"EVAL", "#!foo\nreturn 1", "0"},
        {"EVAL", "#!lua flags=bar\nreturn 1", "0"},
        {"EVAL", "#!lua name=x\nreturn 1", "0"},
        {"EVAL", "#!lua", "0"},
        {"EVAL", "#!lua flags=no-writes,allow-stale\nreturn 2", "0"},
        {"EVALSHA_RO", "ffffffffffffffffffffffffffffffffffffffff", "0"},
        {"SCRIPT", "LOAD", "#!lua flags=no-writes\nreturn redis.call('del', 'x')"},
        {"EVALSHA", "f256e8f0cae96b2ef605c0b5eea08f51e4e1b22d", "0"},
        // cjson
        {"EVAL", "return cjson.encode({1,2,'a',true,false})", "0"},
        {"EVAL", "return cjson.encode({a=1})", "0"},
        {"EVAL", "return cjson.encode({})", "0"},
        {"EVAL", "return cjson.encode({1.5, 0.1, 1e20, -0, 123456789012345})", "0"},
        {"EVAL", "return cjson.encode('a/b\"\\\\\\n\\1')", "0"},
        {"EVAL", "return cjson.encode({[1]=1,[3]=3})", "0"},
        {"EVAL", "return cjson.encode({[1]=1,[30]=3})", "0"},
        {"EVAL", "return cjson.encode(cjson.null)", "0"},
        {"EVAL", "return cjson.encode(function() end)", "0"},
        {"EVAL", "return cjson.encode(0/0)", "0"},
        {"EVAL", "return cjson.encode({a={b={1}}})", "0"},
        {"EVAL", "return cjson.encode({[true]=1})", "0"},
        {"EVAL", "return cjson.encode()", "0"},
        {
            "EVAL",
            "local t = cjson.decode('{\"a\":[1,2,{\"b\":null}],\"c\":\"x\\\\u00e9\"}') "
                    + "return {t.a[1], t.a[2], type(t.a[3].b), t.c}",
            "0"
        },
        {"EVAL", "return cjson.decode('[1,')", "0"},
        {"EVAL", "return cjson.decode('[1 2]')", "0"},
        {"EVAL", "return cjson.decode('{1:2}')", "0"},
        {"EVAL", "return cjson.decode('{\"a\" 2}')", "0"},
        {"EVAL", "return cjson.decode('[1] x')", "0"},
        {"EVAL", "return cjson.decode('{\"a\":1.5e3}').a", "0"},
        {"EVAL", "return cjson.decode('\"s\"')", "0"},
        {"EVAL", "return cjson.decode('[true,false,\"\\\\n\\\\/\"]')", "0"},
        {"EVAL", "return cjson.decode(cjson.encode({k={1,2,3}})).k[3]", "0"},
        {"EVAL", "cjson.encode = nil", "0"},
        {"EVAL", "math.randomseed(42); return {tostring(math.random()), math.random(100), math.random(3, 9)}", "0"},
        {"EVAL", "math.randomseed(7); local t = {} for i = 1, 5 do t[i] = math.random(1000) end return t", "0"},
        // the lock
        {"SET", "lock", "token-1", "NX", "PX", "30000"},
        {"EVAL", UNLOCK, "1", "lock", "other"},
        {"EVAL", UNLOCK, "1", "lock", "token-1"},
        {"EXISTS", "lock"},
        // cache
        {"EVALSHA", "ffffffffffffffffffffffffffffffffffffffff", "0"},
        {"SCRIPT", "LOAD", "return 1"},
        {"SCRIPT", "LOAD", "return ("},
        {"SCRIPT", "EXISTS", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "abc"},
        {"SCRIPT", "EXISTS", "E0E1F9FABFC9D4800C877A703B823AC0578FF8DB"},
        {"EVALSHA", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "0"},
        {"EVALSHA", "E0E1F9FABFC9D4800C877A703B823AC0578FF8DB", "0"},
        {"EVALSHA", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "-1"},
        {"SCRIPT", "EXISTS"},
        {"SCRIPT", "LOAD"},
        {"SCRIPT", "FLUSH", "ASYNC"},
        {"SCRIPT", "EXISTS", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db"},
        {"SCRIPT", "FLUSH", "SYNC"},
        {"SCRIPT", "FLUSH", "foo"},
        {"SCRIPT", "FLUSH", "sync", "async"},
        {"SCRIPT", "KILL"},
        {"SCRIPT", "foo"},
        {"SCRIPT", "HELP"},
        {"SCRIPT"},
        // transactions
        {"MULTI"},
        {"EVAL", "return redis.call('incr', 'counter')", "0"},
        {"EVAL", "return redis.call('incr', 'counter')", "0"},
        {"EXEC"},
        {"FLUSHALL"},
    };

    @Test
    void everyReplyMatchesRedisByteForByte() throws Exception {
        assertThat(ContractScript.mismatches(redis.port(), store.port(), SCRIPT))
                .as("script commands whose replies differ from Redis 7")
                .isEmpty();
    }
}
