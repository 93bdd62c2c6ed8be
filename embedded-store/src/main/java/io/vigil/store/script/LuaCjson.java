package io.vigil.store.script;

/**
 * The {@code cjson} library Redis bundles (lua-cjson 2.1 with its defaults), written in Lua: {@code encode},
 * {@code decode} and {@code null}. Encoding follows lua-cjson: numbers as {@code %.14g}, {@code /} escaped, a table
 * with only positive integer keys is an array (holes become {@code null}; an excessively sparse one is an error),
 * any other non-empty table an object, an empty table {@code {}}. Errors carry lua-cjson's texts without a
 * position: the runtime exposes {@code encode}/{@code decode} through Java functions that add the caller's position,
 * as lua-cjson's C functions do (a Lua function would lose it to tail calls).
 */
final class LuaCjson {

    private LuaCjson() {}

    /** Takes {@code newproxy}, returns the {@code cjson} table. */
    static final String SOURCE =
            """
            local newproxy = ...
            local type, pairs, tostring, error, pcall, format = type, pairs, tostring, error, pcall, string.format
            local byte, char, sub, gsub, concat, floor = string.byte, string.char, string.sub, string.gsub, table.concat, math.floor
            local huge = math.huge
            local cjson = {_NAME = 'cjson', _VERSION = '2.1.0'}
            local null = newproxy(false)
            cjson.null = null
            local escapes = {['"'] = '\\\\"', ['\\\\'] = '\\\\\\\\', ['/'] = '\\\\/', ['\\b'] = '\\\\b', ['\\f'] = '\\\\f',
              ['\\n'] = '\\\\n', ['\\r'] = '\\\\r', ['\\t'] = '\\\\t'}
            local function escape(s)
              return '"' .. gsub(s, '[%z\\1-\\31"\\\\/]', function(c)
                return escapes[c] or format('\\\\u%04x', byte(c))
              end) .. '"'
            end
            local function number(n)
              if n ~= n or n == huge or n == -huge then
                error('Cannot serialise number: must not be NaN or Inf', 0)
              end
              return format('%.14g', n)
            end
            local encode
            local function arraylength(t)
              local max, items = 0, 0
              for k in pairs(t) do
                if type(k) == 'number' and k > 0 and floor(k) == k then
                  if k > max then max = k end
                  items = items + 1
                else
                  return -1
                end
              end
              if max > 10 and max > items * 2 then
                error('Cannot serialise table: excessively sparse array', 0)
              end
              return max
            end
            encode = function(v, depth, out)
              local t = type(v)
              if t == 'string' then out[#out + 1] = escape(v)
              elseif t == 'number' then out[#out + 1] = number(v)
              elseif t == 'boolean' then out[#out + 1] = tostring(v)
              elseif t == 'nil' then out[#out + 1] = 'null'
              elseif v == null then out[#out + 1] = 'null'
              elseif t == 'table' then
                depth = depth + 1
                if depth > 1000 then error('Cannot serialise, excessive nesting (' .. depth .. ')', 0) end
                local n = arraylength(v)
                if n > 0 then
                  out[#out + 1] = '['
                  for i = 1, n do
                    if i > 1 then out[#out + 1] = ',' end
                    encode(v[i], depth, out)
                  end
                  out[#out + 1] = ']'
                else
                  out[#out + 1] = '{'
                  local first = true
                  for k, x in pairs(v) do
                    local kt = type(k)
                    local key
                    if kt == 'string' then key = escape(k)
                    elseif kt == 'number' then key = '"' .. number(k) .. '"'
                    else error('Cannot serialise ' .. kt .. ': table key must be a number or string', 0) end
                    if not first then out[#out + 1] = ',' end
                    first = false
                    out[#out + 1] = key
                    out[#out + 1] = ':'
                    encode(x, depth, out)
                  end
                  out[#out + 1] = '}'
                end
              else
                error('Cannot serialise ' .. t .. ': type not supported', 0)
              end
            end
            cjson.encode = function(...)
              if select('#', ...) ~= 1 then error('bad argument #1 to \\'encode\\' (expected 1 argument)', 0) end
              local out = {}
              local ok, err = pcall(encode, (...), 0, out)
              if not ok then error(err, 0) end
              return concat(out)
            end
            local names = {['{'] = 'T_OBJ_BEGIN', ['}'] = 'T_OBJ_END', ['['] = 'T_ARR_BEGIN', [']'] = 'T_ARR_END',
              [':'] = 'T_COLON', [','] = 'T_COMMA'}
            local function decoder(s)
              local pos = 1
              local token, tstart, tvalue
              local function fail(what, found)
                error('Expected ' .. what .. ' but found ' .. found .. ' at character ' .. tstart, 0)
              end
              local function nexttoken()
                local _, e = s:find('^[ \\t\\n\\r]*', pos)
                pos = e + 1
                tstart = pos
                if pos > #s then token = 'T_END' return end
                local c = sub(s, pos, pos)
                if names[c] then token = names[c]; pos = pos + 1 return end
                if c == '"' then
                  local buf, i = {}, pos + 1
                  while true do
                    local d = sub(s, i, i)
                    if d == '' then token = 'invalid token' return end
                    if d == '"' then break end
                    if d == '\\\\' then
                      local e2 = sub(s, i + 1, i + 1)
                      local map = {b = '\\b', f = '\\f', n = '\\n', r = '\\r', t = '\\t', ['"'] = '"', ['\\\\'] = '\\\\', ['/'] = '/'}
                      if map[e2] then buf[#buf + 1] = map[e2]; i = i + 2
                      elseif e2 == 'u' then
                        local hex = sub(s, i + 2, i + 5)
                        local cp = hex:match('^%x%x%x%x$') and tonumber(hex, 16)
                        if not cp then token = 'invalid token' return end
                        i = i + 6
                        if cp >= 0xD800 and cp <= 0xDBFF and sub(s, i, i + 1) == '\\\\u' then
                          local lo = tonumber(sub(s, i + 2, i + 5), 16)
                          if lo and lo >= 0xDC00 and lo <= 0xDFFF then
                            cp = 0x10000 + (cp - 0xD800) * 0x400 + (lo - 0xDC00)
                            i = i + 6
                          end
                        end
                        if cp < 0x80 then buf[#buf + 1] = char(cp)
                        elseif cp < 0x800 then buf[#buf + 1] = char(0xC0 + floor(cp / 64), 0x80 + cp % 64)
                        elseif cp < 0x10000 then
                          buf[#buf + 1] = char(0xE0 + floor(cp / 4096), 0x80 + floor(cp / 64) % 64, 0x80 + cp % 64)
                        else
                          buf[#buf + 1] = char(0xF0 + floor(cp / 262144), 0x80 + floor(cp / 4096) % 64,
                            0x80 + floor(cp / 64) % 64, 0x80 + cp % 64)
                        end
                      else token = 'invalid token' return end
                    else
                      buf[#buf + 1] = d
                      i = i + 1
                    end
                  end
                  token, tvalue, pos = 'T_STRING', concat(buf), i + 1
                  return
                end
                for word, value in pairs({['true'] = true, ['false'] = false}) do
                  if sub(s, pos, pos + #word - 1) == word then
                    token, tvalue, pos = 'T_BOOLEAN', value, pos + #word
                    return
                  end
                end
                if sub(s, pos, pos + 3) == 'null' then token, pos = 'T_NULL', pos + 4 return end
                local num = s:match('^[-+]?[%w%.]+', pos)
                local n = num and tonumber(num)
                if n then token, tvalue, pos = 'T_NUMBER', n, pos + #num return end
                token = 'invalid token'
              end
              local value
              local function object(depth)
                local t = {}
                nexttoken()
                if token == 'T_OBJ_END' then return t end
                while true do
                  if token ~= 'T_STRING' then fail('object key string', token) end
                  local key = tvalue
                  nexttoken()
                  if token ~= 'T_COLON' then fail('colon', token) end
                  nexttoken()
                  t[key] = value(depth)
                  nexttoken()
                  if token == 'T_OBJ_END' then return t end
                  if token ~= 'T_COMMA' then fail('comma or object end', token) end
                  nexttoken()
                end
              end
              local function array(depth)
                local t, n = {}, 0
                nexttoken()
                if token == 'T_ARR_END' then return t end
                while true do
                  n = n + 1
                  t[n] = value(depth)
                  nexttoken()
                  if token == 'T_ARR_END' then return t end
                  if token ~= 'T_COMMA' then fail('comma or array end', token) end
                  nexttoken()
                end
              end
              value = function(depth)
                if token == 'T_STRING' or token == 'T_NUMBER' or token == 'T_BOOLEAN' then return tvalue end
                if token == 'T_NULL' then return null end
                if token == 'T_OBJ_BEGIN' or token == 'T_ARR_BEGIN' then
                  depth = depth + 1
                  if depth > 1000 then
                    error('Found too many nested data structures (' .. depth .. ') at character ' .. tstart, 0)
                  end
                  if token == 'T_OBJ_BEGIN' then return object(depth) end
                  return array(depth)
                end
                fail('value', token)
              end
              return function()
                nexttoken()
                local v = value(0)
                nexttoken()
                if token ~= 'T_END' then fail('the end', token) end
                return v
              end
            end
            cjson.decode = function(...)
              if select('#', ...) ~= 1 then error('bad argument #1 to \\'decode\\' (expected 1 argument)', 0) end
              local s = ...
              if type(s) ~= 'string' then s = tostring(s) end
              local ok, v = pcall(decoder(s))
              if not ok then error(v, 0) end
              return v
            end
            return cjson
            """;
}
