package io.vigil.store.script;

/**
 * The Lua text that turns a fresh state into Redis 7.0's scripting environment: no {@code os}, {@code io},
 * {@code package}, {@code loadfile} or {@code dofile}; a read-only global table that raises "Script attempted to
 * access nonexistent global variable" for unknown names; the error handler that records source and line
 * ({@code __redis__err__handler}); {@code redis.error_reply}/{@code status_reply}; and {@code math.random} on the
 * deterministic generator. The chunk returns the functions the runtime keeps in the registry.
 */
final class LuaSandbox {

    private LuaSandbox() {}

    /** The chunk name of {@link #SETUP}; the error handler skips its frames so errors point at the script. */
    static final String CHUNK_NAME = "=sandbox";

    /**
     * Returns {@code prepare(f)}, {@code run(f)}, the {@code redis} table (for the Java functions), {@code where()}
     * (the {@code luaL_where} prefix of a Java function's caller) and {@code finish(random, randomseed)}, which
     * installs the generator and makes the globals and libraries read-only, and {@code arm(check)}, which installs
     * the count hook: every 100 000 instructions it calls {@code check()}; when that returns an error text the hook
     * raises it and then fires on every line, so a {@code pcall} in the script cannot swallow it (Redis's
     * {@code luaMaskCountHook}). Lua 5.1 keeps a hook function per coroutine, so {@code coroutine.create} and
     * {@code coroutine.wrap} are wrapped to give each new coroutine the same hook (Redis's C hook is inherited).
     */
    static final String SETUP =
            """
            local G = _G
            local dbg, type, tostring, error, rawget, rawset = debug, type, tostring, error, rawget, rawset
            local setfenv, setmetatable, xpcall, pcall, select = setfenv, setmetatable, xpcall, pcall, select
            local function handler(err)
              local level = 2
              local i = dbg.getinfo(level, 'nSl')
              if i and i.what == 'C' then
                level = level + 1
                i = dbg.getinfo(level, 'nSl')
              end
              while i and i.source == '=sandbox' do
                level = level + 1
                i = dbg.getinfo(level, 'nSl')
              end
              if type(err) ~= 'table' then err = {err = 'ERR ' .. tostring(err)} end
              if i then
                err['source'] = i.source
                err['line'] = i.currentline
              end
              return err
            end
            local function where()
              local i = dbg.getinfo(3, 'Sl')
              if i and i.currentline > 0 then return i.short_src .. ':' .. i.currentline .. ': ' end
              return ''
            end
            local readonly = {}
            local function protect(t)
              local proxy = setmetatable({}, {
                __index = t,
                __newindex = function() error('Attempt to modify a readonly table', 2) end,
                __metatable = false
              })
              readonly[proxy] = true
              return proxy
            end
            local function pusherror(s)
              local code, msg
              if s:sub(1, 1) == '-' then
                local sp = s:find(' ', 1, true)
                if sp then code, msg = s:sub(2, sp - 1), s:sub(sp + 1) else code, msg = 'ERR', s:sub(2) end
              else
                code, msg = 'ERR', s
              end
              msg = (msg:gsub('^[\\r\\n]+', ''))
              msg = (msg:gsub('[\\r\\n]+$', ''))
              return {err = code .. ' ' .. msg}
            end
            local redis = {}
            redis.LOG_DEBUG = 0; redis.LOG_VERBOSE = 1; redis.LOG_NOTICE = 2; redis.LOG_WARNING = 3
            redis.REPL_NONE = 0; redis.REPL_SLAVE = 1; redis.REPL_REPLICA = 1; redis.REPL_AOF = 2
            redis.REPL_ALL = 3
            redis.REDIS_VERSION = '7.0.15'; redis.REDIS_VERSION_NUM = 458767
            redis.error_reply = function(...)
              local e = ...
              if select('#', ...) ~= 1 or type(e) ~= 'string' then
                return pusherror('wrong number or type of arguments')
              end
              if e:sub(1, 1) ~= '-' then e = '-' .. e end
              return pusherror(e)
            end
            redis.status_reply = function(...)
              local s = ...
              if select('#', ...) ~= 1 or type(s) ~= 'string' then
                return pusherror('wrong number or type of arguments')
              end
              return {ok = s}
            end
            redis.replicate_commands = function() return true end
            redis.breakpoint = function() return false end
            redis.debug = function() end
            local function fixerror(ok, ...)
              if ok then return ok, ... end
              local e = ...
              if type(e) == 'table' and type(e.err) == 'string' then e = e.err end
              return false, e
            end
            local luapcall = pcall
            G.pcall = function(...) return fixerror(luapcall(...)) end
            G.rawset = function(t, ...)
              if readonly[t] then error('Attempt to modify a readonly table', 0) end
              return rawset(t, ...)
            end
            G.__redis__err__handler = handler
            local allowed = {
              ARGV = 1, KEYS = 1, _G = 1, cjson = 1, newproxy = 1, _VERSION = 1, __redis__err__handler = 1, assert = 1, bit = 1,
              collectgarbage = 1, coroutine = 1, error = 1, gcinfo = 1, getmetatable = 1, ipairs = 1, load = 1,
              loadstring = 1, math = 1, next = 1, pairs = 1, pcall = 1, rawequal = 1, rawget = 1, rawset = 1,
              redis = 1, select = 1, setmetatable = 1, string = 1, table = 1, tonumber = 1, tostring = 1,
              type = 1, unpack = 1, xpcall = 1
            }
            local names = {}
            for k in pairs(G) do names[#names + 1] = k end
            for _, k in ipairs(names) do
              if not allowed[k] then G[k] = nil end
            end
            local function prepare(f)
              setfenv(f, G._G)
              return f
            end
            local function run(f)
              local ok, r = xpcall(f, handler)
              return ok, r
            end
            local function finish(random, randomseed)
              G.math.random = random
              G.math.randomseed = randomseed
              G.redis = protect(redis)
              for _, lib in ipairs({'string', 'table', 'math', 'coroutine', 'bit', 'cjson'}) do G[lib] = protect(G[lib]) end
              local env = setmetatable({}, {
                __index = function(_, k)
                  local v = rawget(G, k)
                  if v == nil then
                    error("Script attempted to access nonexistent global variable '" .. tostring(k) .. "'", 2)
                  end
                  return v
                end,
                __newindex = function() error('Attempt to modify a readonly table', 2) end,
                __metatable = false
              })
              readonly[env] = true
              G._G = env
              G.newproxy = nil
            end
            local sethook, unpack = dbg.sethook, unpack
            local hookfn, hookmask, hookcount = nil, '', 0
            local create, resume = G.coroutine.create, G.coroutine.resume
            local function hooked(co)
              if hookfn then sethook(co, hookfn, hookmask, hookcount) end
              return co
            end
            local function checked(f, name)
              if type(f) ~= 'function' then
                error("bad argument #1 to '" .. name .. "' (Lua function expected)", 3)
              end
              return hooked(create(f))
            end
            G.coroutine.create = function(f)
              local co = checked(f, 'create')
              return co
            end
            local function rethrow(ok, ...)
              if ok then return select('#', ...), {...} end
              local e = ...
              if type(e) == 'string' or type(e) == 'number' then error(e, 3) end
              error(e, 0)
            end
            G.coroutine.wrap = function(f)
              local co = checked(f, 'wrap')
              return function(...)
                local n, r = rethrow(resume(co, ...))
                return unpack(r, 1, n)
              end
            end
            local function arm(check)
              local function hook()
                local caller = dbg.getinfo(2, 'S')
                if caller and caller.source == '=sandbox' then return end
                local stop = check()
                if stop then
                  hookmask, hookcount = 'l', 0
                  sethook(hook, 'l')
                  error({err = stop})
                end
              end
              hookfn, hookmask, hookcount = hook, '', 100000
              sethook(hook, '', 100000)
            end
            return prepare, run, redis, where, finish, arm
            """;
}
