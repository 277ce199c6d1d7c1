-- luacheck voor werkvormen: `luacheck werkvormen/` (Debian: apt-get install lua-check).
--
-- Een werkvorm draait in de zandbak van werkplaats (README.md, §9). Deze
-- standaard kent precies wat daar bestaat, zodat luacheck een `io.open`,
-- `require` of een vertikte `wp.tp` al meldt voordat werkplaats de werkvorm
-- laadt. Houd hem gelijk aan engine/plugin_env.c en engine/plugin_api.c.

local function fields(...)
  local t = {}
  for _, name in ipairs({ ... }) do
    t[name] = {}
  end
  return { fields = t }
end

stds.werkplaats = {
  read_globals = {
    "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "xpcall", "rawequal", "rawget",
    "rawlen", "select", "setmetatable", "tonumber", "tostring", "type", "load", "print", "collectgarbage",
    "_VERSION",
    string = fields("byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "rep",
                    "reverse", "sub", "upper"),
    table = fields("concat", "insert", "move", "pack", "remove", "sort", "unpack"),
    math = fields("abs", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge", "log", "max", "maxinteger", "min",
                  "mininteger", "modf", "pi", "rad", "random", "randomseed", "sin", "sqrt", "tan", "tointeger",
                  "type", "ult", "acos", "asin", "atan"),
    utf8 = fields("char", "charpattern", "codepoint", "codes", "len", "offset"),
    coroutine = fields("close", "create", "isyieldable", "resume", "running", "status", "wrap", "yield"),
    os = fields("clock", "date", "difftime", "time"),
    wp = fields("casus", "resultaat", "resultaten", "bijdragen", "top", "groepeer", "tel", "per_groep",
                "koppelvlakken", "teksten", "sleutels", "willekeurig", "schud", "log"),
  },
  -- a werkvorm may use _G as its own table
  globals = { "_G" },
}

std = "werkplaats"
max_line_length = 120
-- resultaat and bij_stap have fixed arguments; not every werkvorm uses them all
unused_args = false

-- the LuaLS annotation file describes wp; it is not a werkvorm
files["werkplaats.lua"] = { std = "+lua54", globals = { "wp" }, ignore = { "212" } }
